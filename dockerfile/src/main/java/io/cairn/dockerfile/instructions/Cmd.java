package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.parser.InstructionNode;

/** {@code CMD}: the default command (or ENTRYPOINT arguments) of the image; the last one wins. */
public record Cmd(InstructionNode node, CommandForm command) implements Instruction {
}
