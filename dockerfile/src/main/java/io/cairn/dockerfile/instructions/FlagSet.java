package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Suggest;
import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.Flag;
import io.cairn.dockerfile.parser.InstructionNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flags an instruction accepts, and their values from a node (Docker's BFlags): unknown,
 * repeated and mistyped flags are errors naming the flag; an unknown one close to a known one
 * gets BuildKit's "did you mean" suggestion.
 */
final class FlagSet {

    private enum Kind { STRING, BOOL, LIST }

    // most instructions carry no flags: then nothing is allocated
    private Map<String, Kind> kinds;
    private Map<String, List<Flag>> seen = Map.of();
    private final InstructionNode node;

    private FlagSet(InstructionNode node) {
        this.node = node;
    }

    static FlagSet of(InstructionNode node) {
        return new FlagSet(node);
    }

    FlagSet strings(String... names) {
        return declare(Kind.STRING, names);
    }

    FlagSet bools(String... names) {
        return declare(Kind.BOOL, names);
    }

    FlagSet lists(String... names) {
        return declare(Kind.LIST, names);
    }

    private FlagSet declare(Kind kind, String... names) {
        if (node.flags().isEmpty()) {
            return this;
        }
        if (kinds == null) {
            kinds = new HashMap<>();
        }
        for (String n : names) {
            kinds.put(n, kind);
        }
        return this;
    }

    /** Reads the node's flags; must be called once, after declaring the accepted flags. */
    FlagSet parse(InstructionNode node) throws InvalidInstructionException {
        if (node.flags().isEmpty()) {
            return this;
        }
        seen = new HashMap<>();
        for (Flag f : node.flags()) {
            Kind kind = kinds == null ? null : kinds.get(f.name());
            if (kind == null) {
                // BuildKit suggests the flag's bare name: "(did you mean chmod?)"
                List<String> known = kinds == null ? List.of() : kinds.keySet().stream().sorted().toList();
                throw new InvalidInstructionException(f.position(), "unknown flag: --" + f.name() + " for "
                        + node.command().toUpperCase(java.util.Locale.ROOT) + Suggest.didYouMean(f.name(), known, true));
            }
            List<Flag> prior = seen.computeIfAbsent(f.name(), k -> new ArrayList<>());
            if (kind != Kind.LIST && !prior.isEmpty()) {
                throw new InvalidInstructionException(f.position(), "Duplicate flag specified: --" + f.name());
            }
            if (kind != Kind.BOOL && f.value().isEmpty()) {
                throw new InvalidInstructionException(f.position(), "Missing a value on flag: --" + f.name());
            }
            if (kind == Kind.BOOL && f.value().isPresent()) {
                String v = f.value().get();
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                    throw new InvalidInstructionException(f.position(),
                            "Expecting boolean value for flag --" + f.name() + ", not: " + v);
                }
            }
            prior.add(f);
        }
        return this;
    }

    Optional<Word> string(String name) {
        List<Flag> fs = seen.get(name);
        if (fs == null || fs.isEmpty()) {
            return Optional.empty();
        }
        Flag f = fs.get(0);
        return Optional.of(new Word(f.value().orElse(""), f.position()));
    }

    boolean bool(String name) {
        List<Flag> fs = seen.get(name);
        return fs != null && !fs.isEmpty() && fs.get(0).value().map(v -> v.equalsIgnoreCase("true")).orElse(true);
    }

    List<Word> list(String name) {
        List<Flag> fs = seen.get(name);
        if (fs == null) {
            return List.of();
        }
        return fs.stream().map(f -> new Word(f.value().orElse(""), f.position())).toList();
    }
}
