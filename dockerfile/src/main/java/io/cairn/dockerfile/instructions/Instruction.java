package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Position;
import io.cairn.dockerfile.parser.InstructionNode;

/** A typed Dockerfile instruction; {@link #node()} is where it came from. */
public sealed interface Instruction
        permits From, Run, Cmd, Entrypoint, Copy, Add, Env, Arg, Workdir, User, Label, Expose, Volume,
        StopSignal, Healthcheck, Shell, Onbuild, Maintainer {

    /** The AST node: keyword, position, original text. */
    InstructionNode node();

    /** Where the keyword is. */
    default Position position() {
        return node().position();
    }

    /** The keyword in upper case, as Docker prints it. */
    default String keyword() {
        return node().command().toUpperCase(java.util.Locale.ROOT);
    }
}
