package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import java.util.List;
import java.util.Optional;

/**
 * What COPY and ADD share.
 *
 * @param sources     one or more sources
 * @param destination the target path; ends with {@code /} when it names a directory
 * @param chown       {@code --chown=user[:group]}
 * @param chmod       {@code --chmod=mode} (octal, or symbolic like {@code u+x})
 * @param link        {@code --link}: the layer does not depend on the files below it
 * @param excludes    {@code --exclude=pattern} values
 */
public record CopySpec(List<CopySource> sources, Word destination, Optional<Word> chown, Optional<Word> chmod,
                       boolean link, List<Word> excludes) {

    public CopySpec {
        sources = List.copyOf(sources);
        excludes = List.copyOf(excludes);
    }
}
