package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.InstructionNode;
import java.util.Optional;

/**
 * {@code ADD [--chown] [--chmod] [--link] [--keep-git-dir] [--checksum] [--exclude]... src... dest}:
 * like COPY from the context, plus URLs, git repositories and local tar archives (unpacked).
 *
 * @param checksum   {@code --checksum=sha256:...}, only for HTTP(S) sources
 * @param keepGitDir {@code --keep-git-dir}: keep {@code .git} of a git source
 */
public record Add(InstructionNode node, CopySpec spec, Optional<Word> checksum, boolean keepGitDir)
        implements Instruction {
}
