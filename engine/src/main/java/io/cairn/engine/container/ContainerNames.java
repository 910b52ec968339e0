package io.cairn.engine.container;

import io.cairn.api.ConflictException;
import io.cairn.api.InvalidArgumentException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/** Docker's container names and IDs: 64 hex IDs, {@code adjective_surname} names when none is given. */
final class ContainerNames {

    private static final Pattern VALID = Pattern.compile("/?[a-zA-Z0-9][a-zA-Z0-9_.-]+");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Docker tries six random names before it falls back to the short ID (moby's generateNewName). */
    static final int ATTEMPTS = 6;
    /** Steve Wozniak is not boring (moby's one exclusion). */
    private static final String EXCLUDED = "boring_wozniak";

    private ContainerNames() {
    }

    static String newId() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Docker's random name: {@code adjective_surname}, never {@value #EXCLUDED}; from the second
     * attempt on ({@code attempt > 0}) with a random digit appended, as moby's
     * {@code GetRandomName(retry)}.
     */
    static String random(int attempt, RandomGenerator random) {
        String name;
        do {
            name = NameWords.ADJECTIVES.get(random.nextInt(NameWords.ADJECTIVES.size())) + "_"
                    + NameWords.SURNAMES.get(random.nextInt(NameWords.SURNAMES.size()));
        } while (name.equals(EXCLUDED));
        return attempt > 0 ? name + random.nextInt(10) : name;
    }

    /**
     * A name for a container created without one, that {@code taken} does not hold: up to
     * {@value #ATTEMPTS} random names, then the container's short ID, as Docker does. Called inside
     * the pipeline's decision, so the check and the reservation are one step.
     *
     * @throws ConflictException when even the short ID is taken (by a user-given name)
     */
    static String unused(String id, Predicate<String> taken) {
        return unused(id, taken, RANDOM);
    }

    /** {@link #unused(String, Predicate)} with the given source of randomness (tests fix it). */
    static String unused(String id, Predicate<String> taken, RandomGenerator random) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String name = random(attempt, random);
            if (!taken.test(name)) {
                return name;
            }
        }
        String shortId = id.substring(0, 12);
        if (taken.test(shortId)) {
            throw new ConflictException("no free name for container " + id + ": " + ATTEMPTS
                    + " random names and its short ID are all in use; give one with --name");
        }
        return shortId;
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
