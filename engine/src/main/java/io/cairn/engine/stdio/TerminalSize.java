package io.cairn.engine.stdio;

/**
 * A terminal's size in character cells, as {@code resize?h=&w=} gives it.
 *
 * @param height rows, 1 to 65535
 * @param width  columns, 1 to 65535
 */
public record TerminalSize(int height, int width) {
    public TerminalSize {
        if (height < 1 || height > 0xFFFF || width < 1 || width > 0xFFFF) {
            throw new io.cairn.api.InvalidArgumentException("terminal size " + height + "x" + width + " out of range 1-65535");
        }
    }
}
