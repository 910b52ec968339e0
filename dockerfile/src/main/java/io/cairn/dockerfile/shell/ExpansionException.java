package io.cairn.dockerfile.shell;

/**
 * A word that cannot be expanded: an unterminated quote, a bad {@code ${...}}, or a
 * {@code ${name?message}} whose variable is unset. {@link #offset()} is the index in the
 * word where the problem was found, so that callers can point at the column.
 */
public final class ExpansionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int offset;

    public ExpansionException(String message, int offset) {
        super(message);
        this.offset = offset;
    }

    /** 0-based index into the processed text where the problem was detected. */
    public int offset() {
        return offset;
    }
}
