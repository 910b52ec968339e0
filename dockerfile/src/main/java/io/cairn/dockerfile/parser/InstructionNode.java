package io.cairn.dockerfile.parser;

import io.cairn.dockerfile.Position;
import java.util.List;
import java.util.Optional;

/**
 * One instruction as written: the AST node.
 *
 * @param keyword   the keyword as written (any case), e.g. {@code run}
 * @param position  where the keyword is
 * @param endLine   the last physical line of the instruction, heredoc bodies included
 * @param original  the logical line: physical lines joined, continuations and comments removed
 * @param flags     builder flags in order
 * @param args      the arguments, split for this instruction
 * @param heredocs  here-documents in marker order
 * @param comments  the comment lines just above the instruction, {@code #} and spaces trimmed
 */
public record InstructionNode(String keyword, Position position, int endLine, String original,
                              List<Flag> flags, Args args, List<Heredoc> heredocs, List<String> comments) {

    public InstructionNode {
        flags = List.copyOf(flags);
        heredocs = List.copyOf(heredocs);
        comments = List.copyOf(comments);
    }

    /** The lower-cased keyword: {@code from}, {@code run}, ... */
    public String command() {
        return Keywords.command(keyword);
    }

    /** The first flag named {@code name}. */
    public Optional<Flag> flag(String name) {
        return flags.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    InstructionNode withEnd(int newEndLine, List<Heredoc> newHeredocs) {
        return new InstructionNode(keyword, position, newEndLine, original, flags, args, newHeredocs, comments);
    }
}
