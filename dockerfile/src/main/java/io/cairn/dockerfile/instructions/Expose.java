package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.InstructionNode;
import java.util.List;

/** {@code EXPOSE port[/proto] ...}; a port may be a range {@code 8000-8010}. */
public record Expose(InstructionNode node, List<Word> ports) implements Instruction {

    public Expose {
        ports = List.copyOf(ports);
    }
}
