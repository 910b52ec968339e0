package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import java.util.Optional;

/** One declaration of an ARG instruction: a name and maybe a default. */
public record ArgDecl(Word name, Optional<Word> defaultValue) {
}
