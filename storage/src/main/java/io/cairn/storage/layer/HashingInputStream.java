package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Hashes (sha256, on a helper thread: see {@link BackgroundSha256}) and counts every byte read
 * through it; skipping reads, so nothing escapes the hash. Close it to stop the helper.
 */
final class HashingInputStream extends FilterInputStream {
    private final BackgroundSha256 sha256;
    private final byte[] one = new byte[1];
    private long count;

    HashingInputStream(InputStream in, String name) {
        super(in);
        this.sha256 = new BackgroundSha256(name);
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
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

    /** Stops the hashing helper; the underlying stream is left open (the caller owns it). */
    @Override
    public void close() {
        sha256.close();
    }

    /** Reads to the end of the stream; returns the number of bytes drained. */
    long drain() throws IOException {
        byte[] buf = new byte[64 * 1024];
        long before = count;
        while (read(buf, 0, buf.length) >= 0) {
            // hashing happens in read
        }
        return count - before;
    }

    long count() {
        return count;
    }

    /** The digest of everything read; call once reading is over. */
    Digest digest() throws IOException {
        return sha256.digest();
    }
}
