package io.cairn.engine.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Notices a client closing the connection of a request whose body has been read, without writing
 * to it: Jetty reads nothing more from an HTTP/1.1 connection while its request is handled, so a
 * follower that writes nothing for an hour would learn of a vanished client only at its next write.
 * This registers for reads on the connection (costing nothing while it is quiet) and reports the
 * end of input; anything the client sends meanwhile is dropped (a follower's connection is closed
 * after its response, so no further request on it is served anyway). This is what Go's net/http
 * does for dockerd with its background read, which cancels the request's context.
 */
final class PeerWatch implements Callback {

    private final EndPoint endPoint;
    private final Runnable closed;

    private PeerWatch(EndPoint endPoint, Runnable closed) {
        this.endPoint = endPoint;
        this.closed = closed;
    }

    /**
     * Calls {@code closed} once the client has closed its side of {@code request}'s connection.
     *
     * @return false when the connection is already being read (then Jetty notices the close itself)
     */
    static boolean watch(Request request, Runnable closed) {
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        return endPoint.tryFillInterested(new PeerWatch(endPoint, closed));
    }

    @Override
    public void succeeded() {
        try {
            ByteBuffer drop = BufferUtil.allocate(512);
            int n;
            while ((n = endPoint.fill(drop)) > 0) {
                BufferUtil.clear(drop);
            }
            if (n < 0) {
                closed.run();
            } else {
                endPoint.tryFillInterested(this);
            }
        } catch (IOException e) {
            closed.run();
        }
    }

    @Override
    public void failed(Throwable x) {
        // the connection closed, timed out or completed under the watch: nothing more to watch
        if (!endPoint.isOpen()) {
            closed.run();
        }
    }

    @Override
    public InvocationType getInvocationType() {
        return InvocationType.NON_BLOCKING; // a read that does not block: run on the selector, not a pool thread
    }
}
