package io.cairn.engine.build.dockerfile.instructions;

import io.cairn.engine.build.dockerfile.Word;
import io.cairn.engine.build.dockerfile.parser.InstructionNode;

/** {@code STOPSIGNAL signal}: a name ({@code SIGTERM}, {@code TERM}) or a number. */
public record StopSignal(InstructionNode node, Word signal) implements Instruction {
}
