package io.cairn.cli.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes an HTTP/1.1 chunked body. A body that ends before its last (zero-size) chunk was cut off
 * (the daemon died mid-answer): that is an {@link EOFException}, never a normal end, or a client
 * would take a truncated {@code save} archive or a {@code load} that never finished for a success.
 */
final class ChunkedInputStream extends InputStream {

    private final InputStream in;
    private long remaining;
    private boolean done;

    ChunkedInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        if (!ensure()) {
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
        if (!ensure()) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw cutOff();
        }
        remaining -= n;
        return n;
    }

    private boolean ensure() throws IOException {
        if (done) {
            return false;
        }
        if (remaining == 0) {
            String size = UnixHttp.readLine(in);
            if (size != null && size.isEmpty()) {
                size = UnixHttp.readLine(in); // CRLF after the previous chunk
            }
            if (size == null) {
                throw cutOff();
            }
            int semi = size.indexOf(';');
            remaining = Long.parseLong((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (remaining == 0) {
                done = true;
                return false;
            }
        }
        return true;
    }

    private static EOFException cutOff() {
        return new EOFException("the answer ended before its last chunk: the daemon closed the connection mid-answer");
    }
}
