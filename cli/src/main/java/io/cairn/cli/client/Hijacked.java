package io.cairn.cli.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A hijacked connection ({@code attach}, {@code exec start}) once the daemon answered 101 (or 200):
 * the raw stream both ways. Reading and writing may happen on two threads at once (the JDK's
 * channel streams would serialise them on one lock, so these wrap the channel directly).
 */
public final class Hijacked implements AutoCloseable {
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    Hijacked(SocketChannel channel, InputStream buffered) {
        this.channel = channel;
        this.in = buffered;
        this.out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            }
        };
    }

    /** A stream over the channel that never takes the channel's blocking lock. */
    static InputStream input(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    /** What the daemon sends: the process's output (multiplexed without a terminal). */
    public InputStream in() {
        return in;
    }

    /** What goes to the process's stdin. */
    public OutputStream out() {
        return out;
    }

    /** Ends our input (Docker's CloseWrite): the process reads EOF; its output still comes. */
    public void closeWrite() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
