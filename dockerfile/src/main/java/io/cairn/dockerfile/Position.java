package io.cairn.dockerfile;

/**
 * A place in a Dockerfile: 1-based line and 1-based column, counted in UTF-16 chars of the
 * physical line as it is in the file (a tab counts as one column).
 */
public record Position(int line, int column) implements Comparable<Position> {

    /** Position of the first character of a file. */
    public static final Position START = new Position(1, 1);

    public Position {
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("position must be 1-based, got " + line + ":" + column);
        }
    }

    @Override
    public int compareTo(Position o) {
        return line != o.line ? Integer.compare(line, o.line) : Integer.compare(column, o.column);
    }

    /** {@code LINE:COL}, the form used in every diagnostic. */
    @Override
    public String toString() {
        return line + ":" + column;
    }
}
