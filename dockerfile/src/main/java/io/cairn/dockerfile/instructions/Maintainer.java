package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.InstructionNode;

/** {@code MAINTAINER name}: deprecated author field. */
public record Maintainer(InstructionNode node, Word name) implements Instruction {
}
