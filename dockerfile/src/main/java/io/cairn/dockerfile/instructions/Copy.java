package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.InstructionNode;
import java.util.Optional;

/**
 * {@code COPY [--from=stage|image] [--chown] [--chmod] [--link] [--parents] [--exclude]... src... dest}.
 *
 * @param from    a stage name or index, or an image; absent means the build context
 * @param parents {@code --parents}: keep the sources' parent directories under the destination
 */
public record Copy(InstructionNode node, CopySpec spec, Optional<Word> from, boolean parents) implements Instruction {
}
