package io.cairn.engine.build.copy;

/** A COPY or ADD that cannot be done as written: a missing source, an unsupported file type. */
public final class CopyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CopyException(String message) {
        super(message);
    }
}
