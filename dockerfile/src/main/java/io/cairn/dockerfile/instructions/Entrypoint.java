package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.parser.InstructionNode;

/** {@code ENTRYPOINT}: the image's executable; setting it resets an inherited CMD. */
public record Entrypoint(InstructionNode node, CommandForm command) implements Instruction {
}
