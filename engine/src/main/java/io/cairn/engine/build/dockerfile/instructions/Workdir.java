package io.cairn.engine.build.dockerfile.instructions;

import io.cairn.engine.build.dockerfile.Word;
import io.cairn.engine.build.dockerfile.parser.InstructionNode;

/** {@code WORKDIR path}: relative paths resolve against the previous WORKDIR. */
public record Workdir(InstructionNode node, Word path) implements Instruction {
}
