package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.InstructionNode;
import java.util.List;

/** {@code SHELL ["executable", "parameters"]}: the shell for later shell-form commands. */
public record Shell(InstructionNode node, List<Word> argv) implements Instruction {

    public Shell {
        argv = List.copyOf(argv);
    }
}
