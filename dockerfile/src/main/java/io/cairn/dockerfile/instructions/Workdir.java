package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.InstructionNode;

/** {@code WORKDIR path}: relative paths resolve against the previous WORKDIR. */
public record Workdir(InstructionNode node, Word path) implements Instruction {
}
