package io.cairn.dockerfile.parser;

import io.cairn.dockerfile.Position;
import io.cairn.dockerfile.Word;
import java.util.List;
import java.util.Optional;

/**
 * The arguments of an instruction after the keyword and flags, split the way Docker splits
 * them for that instruction. Words keep their quotes and escapes: expansion removes them later.
 */
public sealed interface Args {

    /** Nothing after the keyword and flags. */
    record None() implements Args {
    }

    /** The rest of the line as one string: shell form, and string instructions such as USER. */
    record Text(Word text) implements Args {
    }

    /** An exec-form JSON array; every element is decoded (JSON escapes resolved). */
    record Json(List<Word> elements, Position position) implements Args {
        public Json {
            elements = List.copyOf(elements);
        }
    }

    /** Whitespace-delimited words (FROM, EXPOSE, and COPY/ADD/VOLUME in shell form). */
    record Words(List<Word> words) implements Args {
        public Words {
            words = List.copyOf(words);
        }
    }

    /**
     * Key/value pairs: ENV and LABEL ({@code k=v ...} or the legacy {@code k v}), ARG
     * ({@code name} or {@code name=default}).
     *
     * @param legacy true for the one-pair {@code KEY value} form
     */
    record Pairs(List<Pair> pairs, boolean legacy) implements Args {
        public Pairs {
            pairs = List.copyOf(pairs);
        }
    }

    /** One pair; {@code value} is empty for an ARG without a default. */
    record Pair(Word key, Optional<Word> value) {
    }

    /** HEALTHCHECK: the type word ({@code CMD} or {@code NONE}) and the command after it. */
    record Health(Word type, Args command) implements Args {
    }

    /** ONBUILD: the trigger instruction. */
    record Sub(InstructionNode trigger) implements Args {
    }
}
