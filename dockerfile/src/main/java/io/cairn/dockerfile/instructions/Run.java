package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.parser.Heredoc;
import io.cairn.dockerfile.parser.InstructionNode;
import java.util.List;
import java.util.Optional;

/**
 * {@code RUN [--mount=...]... [--network=default|none|host] [--security=sandbox|insecure] command}.
 *
 * @param command  shell or exec form (never expanded by the builder: the shell does it)
 * @param heredocs here-documents; when the command is only a marker, the first one is the script
 * @param mounts   {@code --mount} values in order, their options expanded
 * @param network  {@code --network}, if given
 * @param security {@code --security}, if given
 */
public record Run(InstructionNode node, CommandForm command, List<Heredoc> heredocs, List<Mount> mounts,
                  Optional<String> network, Optional<String> security) implements Instruction {

    public Run {
        heredocs = List.copyOf(heredocs);
        mounts = List.copyOf(mounts);
    }
}
