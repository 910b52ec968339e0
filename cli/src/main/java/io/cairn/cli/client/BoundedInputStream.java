package io.cairn.cli.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Exactly {@code limit} bytes of the underlying stream (a Content-Length body): fewer is a body cut
 * off mid-answer, an {@link EOFException}.
 */
final class BoundedInputStream extends InputStream {

    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long limit) {
        this.in = in;
        this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int b = in.read();
        if (b < 0) {
            throw cutOff();
        }
        remaining--;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw cutOff();
        }
        remaining -= n;
        return n;
    }

    private EOFException cutOff() {
        return new EOFException("the answer ended " + remaining + " bytes short of its Content-Length:"
                + " the daemon closed the connection mid-answer");
    }
}
