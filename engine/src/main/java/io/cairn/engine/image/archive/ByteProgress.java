package io.cairn.engine.image.archive;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * The running count of an archive's bytes as a load reads them or a save writes them, reported
 * every {@link #STEP} bytes and once more by {@link #report()} at the end: often enough for a
 * progress bar, rarely enough to cost nothing per read. The counting streams never close the
 * stream they wrap: the caller owns it.
 */
final class ByteProgress {

    /** Bytes between two reports. */
    static final long STEP = 1 << 20;

    private final LongConsumer progress;
    private long count;
    private long reported;

    ByteProgress(LongConsumer progress) {
        this.progress = progress;
    }

    /** The bytes counted so far. */
    long count() {
        return count;
    }

    /** Reports the count now (the last report, when the stream is done). */
    void report() {
        reported = count;
        progress.accept(count);
    }

    /** {@code in}, counting what is read from it. */
    InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    advance(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    advance(n);
                }
                return n;
            }

            @Override
            public void close() {
                // the caller owns the archive stream
            }
        };
    }

    /** {@code out}, counting what is written to it; closing it only flushes. */
    OutputStream counting(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                advance(1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                advance(len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private void advance(long n) {
        count += n;
        if (count - reported >= STEP) {
            report();
        }
    }
}
