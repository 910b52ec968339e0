package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.InstructionNode;

/** {@code STOPSIGNAL signal}: a name ({@code SIGTERM}, {@code TERM}) or a number. */
public record StopSignal(InstructionNode node, Word signal) implements Instruction {
}
