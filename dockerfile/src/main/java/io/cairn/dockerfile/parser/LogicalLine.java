package io.cairn.dockerfile.parser;

import io.cairn.dockerfile.Position;
import java.util.Arrays;

/**
 * An instruction's physical lines joined into one string, with a map from every offset in the
 * joined string back to its line and column in the file. That map is what lets every word keep
 * its exact position even when an instruction spans continuation lines.
 */
final class LogicalLine {

    private final StringBuilder text = new StringBuilder();
    private int[] offsets = new int[4];
    private int[] lines = new int[4];
    private int[] columns = new int[4];
    private int segments;

    /** Appends {@code part}, whose first character is at {@code line}:{@code column}. */
    void append(String part, int line, int column) {
        if (segments == offsets.length) {
            offsets = Arrays.copyOf(offsets, segments * 2);
            lines = Arrays.copyOf(lines, segments * 2);
            columns = Arrays.copyOf(columns, segments * 2);
        }
        offsets[segments] = text.length();
        lines[segments] = line;
        columns[segments] = column;
        segments++;
        text.append(part);
    }

    String text() {
        return text.toString();
    }

    int lastLine() {
        return lines[segments - 1];
    }

    /** The file position of the character at {@code offset} (or just past the end). */
    Position at(int offset) {
        int lo = 0;
        int hi = segments - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new Position(lines[lo], columns[lo] + (offset - offsets[lo]));
    }
}
