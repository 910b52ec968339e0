package io.cairn.engine.build.dockerfile.instructions;

import io.cairn.engine.build.dockerfile.Word;
import io.cairn.engine.build.dockerfile.parser.InstructionNode;

/** {@code MAINTAINER name}: deprecated author field. */
public record Maintainer(InstructionNode node, Word name) implements Instruction {
}
