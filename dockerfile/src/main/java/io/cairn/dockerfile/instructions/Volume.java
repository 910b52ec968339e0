package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.InstructionNode;
import java.util.List;

/** {@code VOLUME path ...} or {@code VOLUME ["path", ...]}. */
public record Volume(InstructionNode node, List<Word> paths) implements Instruction {

    public Volume {
        paths = List.copyOf(paths);
    }
}
