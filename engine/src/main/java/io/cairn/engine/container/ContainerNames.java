package io.cairn.engine.container;

import io.cairn.engine.api.InvalidArgumentException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** Docker's container names and IDs: 64 hex IDs, {@code adjective_surname} names when none is given. */
final class ContainerNames {

    private static final Pattern VALID = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<String> LEFT = List.of("admiring", "brave", "clever", "dreamy", "eager", "focused",
            "gifted", "happy", "jolly", "keen", "lucid", "modest", "nifty", "optimistic", "quirky", "relaxed",
            "serene", "tender", "upbeat", "vibrant", "wizardly", "zealous");
    private static final List<String> RIGHT = List.of("babbage", "curie", "darwin", "euler", "fermat", "galois",
            "hopper", "joliot", "kepler", "lovelace", "meitner", "noether", "pascal", "ritchie", "shannon", "turing",
            "wozniak", "yalow");

    private ContainerNames() {
    }

    static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String random() {
        return LEFT.get(RANDOM.nextInt(LEFT.size())) + "_" + RIGHT.get(RANDOM.nextInt(RIGHT.size()));
    }

    /** A user-given name without Docker's leading slash; refused when invalid. */
    static String check(String name) {
        if (!VALID.matcher(name).matches()) {
            throw new InvalidArgumentException("Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        return name.startsWith("/") ? name.substring(1) : name;
    }
}
