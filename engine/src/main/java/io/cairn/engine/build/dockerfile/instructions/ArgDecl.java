package io.cairn.engine.build.dockerfile.instructions;

import io.cairn.engine.build.dockerfile.Word;
import java.util.Optional;

/** One declaration of an ARG instruction: a name and maybe a default. */
public record ArgDecl(Word name, Optional<Word> defaultValue) {
}
