package io.cairn.engine.build.dockerfile.instructions;

import io.cairn.engine.build.dockerfile.Word;
import io.cairn.engine.build.dockerfile.parser.InstructionNode;
import java.util.List;

/** {@code VOLUME path ...} or {@code VOLUME ["path", ...]}. */
public record Volume(InstructionNode node, List<Word> paths) implements Instruction {

    public Volume {
        paths = List.copyOf(paths);
    }
}
