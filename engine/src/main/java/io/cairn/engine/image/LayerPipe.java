package io.cairn.engine.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bounded, in-order hand-over of bytes from one writer thread to one reader thread, so that
 * packing a tree (the writer) overlaps with unpacking the same tar as a layer (the reader).
 * Writes are copied into chunks; at most {@value #CHUNKS} chunks are in flight, so a slow side
 * holds the other back rather than memory growing.
 *
 * <p>Either side may stop early and the other learns of it instead of waiting forever: the writer
 * ends the stream with {@link #finish()} (the reader then sees its end) or {@link #fail(Throwable)}
 * (the reader's next read throws an IOException naming the cause); a reader that closes its
 * stream makes the writer's next write throw. Interrupts become {@link InterruptedIOException}.
 */
final class LayerPipe {

    static final int CHUNKS = 16;
    private static final byte[] END = new byte[0];
    private static final byte[] FAILED = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CHUNKS);
    private volatile boolean readerGone;
    private volatile Throwable failure;
    private final Source source = new Source();
    private final Sink sink = new Sink();

    /** The writer's end: write, then {@link #finish()} or {@link #fail(Throwable)}. */
    OutputStream sink() {
        return sink;
    }

    /** The reader's end; closing it tells the writer to stop. */
    InputStream source() {
        return source;
    }

    /** The writer is done: the reader sees the end of the stream after the last chunk. */
    void finish() throws IOException {
        hand(END);
    }

    /** The writer failed: the reader's next read throws an IOException with {@code cause}. */
    void fail(Throwable cause) {
        failure = cause;
        try {
            hand(FAILED);
        } catch (IOException e) {
            // the reader is gone or this thread was interrupted: nobody waits for the marker
        }
    }

    private void hand(byte[] chunk) throws IOException {
        try {
            while (!chunks.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
                if (readerGone) {
                    throw new IOException("the layer's reader stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while handing the layer over");
        }
    }

    private final class Sink extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (readerGone) {
                throw new IOException("the layer's reader stopped");
            }
            if (len > 0) {
                hand(Arrays.copyOfRange(b, off, off + len));
            }
        }
    }

    private final class Source extends InputStream {
        private byte[] current = new byte[0];
        private int at;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            java.util.Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (at == current.length) {
                if (ended || readerGone) {
                    return -1;
                }
                byte[] next;
                try {
                    next = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the layer's bytes");
                }
                if (next == END) {
                    ended = true;
                    return -1;
                }
                if (next == FAILED) {
                    ended = true;
                    throw new IOException("packing the layer failed: " + failure, failure);
                }
                current = next;
                at = 0;
            }
            int n = Math.min(len, current.length - at);
            System.arraycopy(current, at, b, off, n);
            at += n;
            return n;
        }

        @Override
        public void close() {
            readerGone = true;
            chunks.clear(); // a writer blocked on a full queue wakes and sees readerGone
        }
    }
}
