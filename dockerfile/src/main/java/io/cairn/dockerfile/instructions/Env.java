package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.parser.InstructionNode;
import java.util.List;

/** {@code ENV k=v ...} or the legacy {@code ENV k v}: environment for later instructions and the image. */
public record Env(InstructionNode node, List<KeyValue> variables) implements Instruction {

    public Env {
        variables = List.copyOf(variables);
    }
}
