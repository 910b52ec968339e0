package io.cairn.dockerfile.instructions;

import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.parser.InstructionNode;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code FROM [--platform=P] image [AS name]}: starts a stage.
 *
 * @param image     base image reference, a previous stage's name, or {@code scratch}; expanded
 *                  with the global ARGs only
 * @param stageName the stage's name, lower-cased (names are case-insensitive)
 * @param platform  the {@code --platform} value; expanded like the image
 */
public record From(InstructionNode node, Word image, Optional<Word> stageName, Optional<Word> platform)
        implements Instruction {

    /** Whether the (expanded) image is {@code scratch}: no base layers. */
    public boolean isScratch() {
        return image.text().toLowerCase(Locale.ROOT).equals("scratch");
    }
}
