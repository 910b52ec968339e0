package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Hashes (sha256) and counts every byte read through it; skipping reads, so nothing escapes the hash. */
public final class HashingInputStream extends FilterInputStream {
    private final MessageDigest sha256 = Digest.newSha256();
    private long count;

    public HashingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            sha256.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            sha256.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 64 * 1024)];
        long left = n;
        while (left > 0) {
            int r = read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                break;
            }
            left -= r;
        }
        return n - left;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    /** Reads to the end of the stream; returns the number of bytes drained. */
    public long drain() throws IOException {
        byte[] buf = new byte[64 * 1024];
        long before = count;
        while (read(buf, 0, buf.length) >= 0) {
            // hashing happens in read
        }
        return count - before;
    }

    public long count() {
        return count;
    }

    public Digest digest() {
        return Digest.ofSha256(sha256.digest());
    }
}
