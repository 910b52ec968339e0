package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.parser.InstructionNode;
import java.util.List;

/**
 * {@code ARG name[=default] ...}: declares build arguments. Before the first FROM it declares a
 * global argument, usable in FROM lines and inherited by {@code ARG name} inside a stage.
 */
public record Arg(InstructionNode node, List<ArgDecl> args) implements Instruction {

    public Arg {
        args = List.copyOf(args);
    }
}
