package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.parser.InstructionNode;
import java.util.List;

/** {@code LABEL k=v ...}: image metadata. */
public record Label(InstructionNode node, List<KeyValue> labels) implements Instruction {

    public Label {
        labels = List.copyOf(labels);
    }
}
