package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * SHA-256 computed on a helper thread, so that hashing a layer overlaps with writing its files
 * (the unpacker's work is otherwise serial: read, hash, write). Bytes are copied into 1 MiB
 * chunks, handed over in order, and the chunks recycled: at most {@value #CHUNKS} MiB in flight.
 * Not thread-safe on the producer side; {@link #close()} stops the helper if {@link #digest()}
 * was never reached.
 */
final class BackgroundSha256 implements AutoCloseable {
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 4;
    private static final Chunk END = new Chunk(new byte[0], 0);

    private record Chunk(byte[] buffer, int length) {
    }

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> work = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final MessageDigest sha256 = Digest.newSha256();
    private final Thread helper;
    private byte[] current;
    private int fill;
    private Digest result;

    BackgroundSha256(String name) {
        for (int i = 1; i < CHUNKS; i++) {
            free.add(new byte[CHUNK]);
        }
        current = new byte[CHUNK];
        helper = new Thread(this::run, "sha256-" + name);
        helper.setDaemon(true);
        helper.start();
    }

    private void run() {
        try {
            while (true) {
                Chunk c = work.take();
                if (c == END) {
                    return;
                }
                sha256.update(c.buffer(), 0, c.length());
                free.put(c.buffer());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void update(byte[] b, int off, int len) throws InterruptedIOException {
        while (len > 0) {
            int n = Math.min(len, CHUNK - fill);
            System.arraycopy(b, off, current, fill, n);
            fill += n;
            off += n;
            len -= n;
            if (fill == CHUNK) {
                handOver();
            }
        }
    }

    private void handOver() throws InterruptedIOException {
        try {
            work.put(new Chunk(current, fill));
            current = free.take();
            fill = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        }
    }

    /** Waits for every byte given so far to be hashed; further updates are not allowed. */
    Digest digest() throws InterruptedIOException {
        if (result == null) {
            if (fill > 0) {
                handOver();
            }
            try {
                work.put(END);
                helper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while hashing");
            }
            result = Digest.ofSha256(sha256.digest());
        }
        return result;
    }

    @Override
    public void close() {
        if (result == null) {
            helper.interrupt();
        }
    }
}
