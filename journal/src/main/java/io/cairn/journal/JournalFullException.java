package io.cairn.journal;

/** Thrown by {@link Journal#append} when the journal's file system is below its free-space reserve. */
public final class JournalFullException extends JournalException {
    public JournalFullException(String message) {
        super(message);
    }
}
