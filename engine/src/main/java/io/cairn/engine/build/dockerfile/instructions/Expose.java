package io.cairn.engine.build.dockerfile.instructions;

import io.cairn.engine.build.dockerfile.Word;
import io.cairn.engine.build.dockerfile.parser.InstructionNode;
import java.util.List;

/** {@code EXPOSE port[/proto] ...}; a port may be a range {@code 8000-8010}. */
public record Expose(InstructionNode node, List<Word> ports) implements Instruction {

    public Expose {
        ports = List.copyOf(ports);
    }
}
