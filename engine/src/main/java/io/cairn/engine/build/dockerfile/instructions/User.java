package io.cairn.engine.build.dockerfile.instructions;

import io.cairn.engine.build.dockerfile.Word;
import io.cairn.engine.build.dockerfile.parser.InstructionNode;

/** {@code USER user[:group]} (names or ids). */
public record User(InstructionNode node, Word user) implements Instruction {
}
