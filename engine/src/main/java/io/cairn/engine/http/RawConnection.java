package io.cairn.engine.http;

import io.cairn.engine.stdio.ClientStdio;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.BufferUtil;

/**
 * The connection a hijacked request ({@code attach}, {@code exec start}) becomes once its 101 (or
 * 200) has gone out: Jetty hands it the endpoint ({@code HttpStream.UPGRADE_CONNECTION_ATTRIBUTE}),
 * and it serves the raw stream with blocking reads and writes on a follower thread. Bytes the client
 * sent right after its request, before the upgrade, are handed over by Jetty and read first.
 *
 * <p>Idle is normal for an interactive session, so an idle connection is kept; but a write that
 * makes no progress for the idle timeout (a client that stopped reading) closes the connection, so
 * the process's output is never held by a client that will not take it.
 */
final class RawConnection extends AbstractConnection implements Connection.UpgradeTo {

    private final Consumer<RawConnection> onOpen;
    private final boolean multiplexed;
    private final Object writeLock = new Object();
    private volatile ByteBuffer prefetched;
    private volatile boolean writing;

    RawConnection(EndPoint endPoint, boolean multiplexed, Consumer<RawConnection> onOpen) {
        super(endPoint, Runnable::run);
        this.multiplexed = multiplexed;
        this.onOpen = onOpen;
    }

    @Override
    public void onUpgradeTo(ByteBuffer buffer) {
        if (BufferUtil.hasContent(buffer)) {
            ByteBuffer copy = ByteBuffer.allocate(buffer.remaining());
            copy.put(buffer).flip();
            prefetched = copy;
        }
    }

    @Override
    public void onOpen() {
        super.onOpen();
        onOpen.accept(this);
    }

    @Override
    public void onFillable() {
        // reads are the follower's, through fillInterested callbacks of its own
    }

    @Override
    public boolean onIdleExpired(TimeoutException timeout) {
        return writing; // a stalled write ends the connection; a quiet one lives on
    }

    /** The client's streams over this connection. */
    ClientStdio stdio() {
        return new ClientStdio() {
            private final InputStream in = new Input();
            private final OutputStream out = new Output(1);
            private final OutputStream err = new Output(2);

            @Override
            public InputStream in() {
                return in;
            }

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public OutputStream err() {
                return err;
            }

            @Override
            public void closeOutput() {
                getEndPoint().shutdownOutput();
            }

            @Override
            public void close() {
                getEndPoint().close();
            }
        };
    }

    private int read(byte[] b, int off, int len) throws IOException {
        ByteBuffer pre = prefetched;
        if (pre != null) {
            int n = Math.min(len, pre.remaining());
            pre.get(b, off, n);
            if (!pre.hasRemaining()) {
                prefetched = null;
            }
            return n;
        }
        ByteBuffer buffer = BufferUtil.allocate(len);
        while (true) {
            int n = getEndPoint().fill(buffer);
            if (n > 0) {
                buffer.get(b, off, n);
                return n;
            }
            if (n < 0) {
                return -1;
            }
            try (Blocker.Callback readable = Blocker.callback()) {
                getEndPoint().fillInterested(readable);
                readable.block();
            } catch (IOException e) {
                if (!getEndPoint().isOpen()) {
                    return -1; // closed under us: the end of the client's input
                }
                throw e;
            }
        }
    }

    private void write(int stream, byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        ByteBuffer[] buffers;
        if (multiplexed) {
            ByteBuffer header = ByteBuffer.allocate(8);
            header.put((byte) stream).put((byte) 0).put((byte) 0).put((byte) 0).putInt(len).flip();
            buffers = new ByteBuffer[] {header, ByteBuffer.wrap(b, off, len)};
        } else {
            buffers = new ByteBuffer[] {ByteBuffer.wrap(b, off, len)};
        }
        synchronized (writeLock) {
            writing = true;
            try (Blocker.Callback done = Blocker.callback()) {
                getEndPoint().write(done, buffers);
                done.block();
            } catch (InterruptedIOException e) {
                getEndPoint().close();
                throw e;
            } finally {
                writing = false;
            }
        }
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return len == 0 ? 0 : RawConnection.this.read(b, off, len);
        }
    }

    private final class Output extends OutputStream {
        private final int stream;

        Output(int stream) {
            this.stream = stream;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            RawConnection.this.write(stream, b, off, len);
        }
    }
}
