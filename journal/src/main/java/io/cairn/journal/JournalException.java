package io.cairn.journal;

/** A failure of the journal itself (I/O, corruption that prevents opening, full disk). */
public class JournalException extends RuntimeException {
    public JournalException(String message) {
        super(message);
    }

    public JournalException(String message, Throwable cause) {
        super(message, cause);
    }
}
