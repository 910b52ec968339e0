package io.cairn.dockerfile.instructions;

import java.util.List;
import java.util.Optional;

/**
 * A build stage: a FROM and the instructions up to the next FROM.
 *
 * @param index        0-based position among the stages (what {@code COPY --from=0} names)
 * @param name         the {@code AS} name, lower-cased
 * @param from         the FROM instruction
 * @param instructions the stage's instructions after FROM, in order
 */
public record Stage(int index, Optional<String> name, From from, List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The name if any, else the index: how errors and progress name the stage. */
    public String displayName() {
        return name.orElse(Integer.toString(index));
    }
}
