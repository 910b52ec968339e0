package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;

/** A layer blob (or its uncompressed tar) did not hash to the digest it was announced with. */
public final class LayerDigestMismatchException extends InvalidLayerException {
    private final Digest expected;
    private final Digest actual;

    /** @param what "blob digest" or "diffID" */
    public LayerDigestMismatchException(String what, Digest expected, Digest actual) {
        super(null, what + " mismatch: expected " + expected + ", got " + actual);
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
