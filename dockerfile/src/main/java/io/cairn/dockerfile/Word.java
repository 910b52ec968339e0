package io.cairn.dockerfile;

import java.util.Objects;

/**
 * One argument of an instruction with the position of its first character in the file.
 *
 * <p>In the AST {@code text} is the word as written (quotes and escapes kept, since the
 * expansion pass needs them); after expansion it is the expanded value, at the same position.
 */
public record Word(String text, Position position) {

    public Word {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(position, "position");
    }

    /** The same position with another text: what expansion returns. */
    public Word withText(String newText) {
        return newText.equals(text) ? this : new Word(newText, position);
    }
}
