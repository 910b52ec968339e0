package io.cairn.engine.registry;

import io.cairn.storage.digest.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A blob as a registry sends it, checked as it is read: more bytes than the descriptor's size fail
 * at once, and the end of the stream fails unless exactly {@code size} bytes hashing to
 * {@code digest} came. So whoever reads it to the end has read verified bytes, and whoever stops
 * early has not been told they were.
 */
final class VerifiedStream extends FilterInputStream {

    /** The blob differs from its descriptor: wrong size, wrong digest. */
    static final class Mismatch extends IOException {
        Mismatch(String message) {
            super(message);
        }
    }

    private final Digest digest;
    private final long size;
    private final MessageDigest hash;
    private final String what;
    private long count;
    private boolean verified;

    VerifiedStream(InputStream in, Digest digest, long size, String what) {
        super(in);
        this.digest = digest;
        this.size = size;
        this.hash = digest.newMessageDigest();
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        // ask for one byte beyond the declared size, to notice a blob that is too long
        int want = (int) Math.min(len, Math.max(1, size - count + 1));
        int n = super.read(b, off, want);
        if (n < 0) {
            verify();
            return -1;
        }
        count += n;
        if (count > size) {
            throw new Mismatch(what + " is larger than its declared size of " + size + " bytes");
        }
        hash.update(b, off, n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        return super.skip(0); // every byte must be hashed
    }

    private void verify() throws IOException {
        if (verified) {
            return;
        }
        if (count < size) {
            throw new Mismatch(what + " is truncated: got " + count + " of " + size + " bytes");
        }
        Digest actual = Digest.of(digest.algorithm(), hash.digest());
        if (!actual.equals(digest)) {
            throw new Mismatch(what + " does not match its digest: expected " + digest + ", got " + actual);
        }
        verified = true;
    }
}
