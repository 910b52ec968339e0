package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.InstructionNode;

/** {@code USER user[:group]} (names or ids). */
public record User(InstructionNode node, Word user) implements Instruction {
}
