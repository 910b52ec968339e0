package io.cairn.storage.blob;

import io.cairn.storage.digest.Digest;
import java.io.IOException;

/**
 * Content did not hash to the digest it was announced with; nothing was stored. The message names
 * both digests.
 */
public final class DigestMismatchException extends IOException {
    private final Digest expected;
    private final Digest actual;

    public DigestMismatchException(Digest expected, Digest actual) {
        super("digest mismatch: expected " + expected + ", got " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public Digest expected() {
        return expected;
    }

    public Digest actual() {
        return actual;
    }
}
