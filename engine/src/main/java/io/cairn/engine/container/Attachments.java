package io.cairn.engine.container;

import io.cairn.engine.runtime.ContainerRuntime;
import io.cairn.engine.runtime.ContainerStdio;
import io.cairn.engine.stdio.ClientStdio;
import io.cairn.engine.stdio.TerminalSize;
import io.cairn.storage.posix.SeqPacketSocket;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * Clients attached to containers' standard streams ({@code POST /containers/{id}/attach}), through
 * the container monitor's attach socket: conmon sends the process's output as packets that start
 * with the stream (2 stdout, 3 stderr), and takes what the client sends as the process's stdin (when
 * the container was created with {@code OpenStdin}); when the client ends its input, conmon closes
 * the process's stdin if the container is {@code StdinOnce}.
 *
 * <p>A client may attach before the container runs (the docker CLI attaches, then starts): it waits
 * until the runtime has created the container and connects before the process is started
 * ({@link #connectPending}), so it misses none of its output. Detaching (the detach keys, default
 * Ctrl-P Ctrl-Q) or going away leaves the container running.
 */
final class Attachments {

    private static final Logger LOG = Logger.getLogger(Attachments.class.getName());
    /** conmon's STDIO_BUF_SIZE plus the stream byte. */
    private static final int PACKET = 8192 + 1;

    /** What a client attaches to. */
    record Streams(boolean stdin, boolean stdout, boolean stderr, byte[] detachKeys) {
    }

    private final ContainerRuntime runtime;
    private final Map<String, List<Attached>> byContainer = new ConcurrentHashMap<>();

    Attachments(ContainerRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Serves {@code client} until the container's output ends (it exited), the client detaches or
     * goes; the container is never affected by the client.
     *
     * @param running whether the container runs now (else the client waits for its start)
     * @return true when the client detached with the detach keys
     */
    boolean attach(String id, boolean running, Streams streams, ClientStdio client) {
        Attached a = new Attached(id, streams, client);
        List<Attached> list = byContainer.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
        list.add(a);
        try {
            if (running) {
                a.connect(runtime);
            }
            Thread input = new Thread(a::pumpInput, "cairn-attach-in-" + id.substring(0, 12));
            input.setDaemon(true);
            input.start();
            a.pumpOutput();
            return a.detached; // the input thread ends when the connection closes, just after
        } finally {
            list.remove(a);
            a.close();
        }
    }

    /** The runtime created container {@code id}: clients waiting for it connect now, before it starts. */
    void connectPending(String id) {
        for (Attached a : byContainer.getOrDefault(id, List.of())) {
            a.connect(runtime);
        }
    }

    /** The container's process ended: attached clients get the rest of its output, then their streams end. */
    void ended(String id) {
        for (Attached a : byContainer.getOrDefault(id, List.of())) {
            a.ended();
        }
    }

    /** Resizes the container's terminal through the monitor's control fifo. */
    void resize(String id, TerminalSize size) throws IOException {
        ContainerStdio.Endpoints e = runtime.endpoints(id);
        // never blocks: a fifo whose reader (conmon) is gone fails at once (ENXIO)
        io.cairn.storage.posix.Fifo.write(e.control(),
                ("1 " + size.height() + " " + size.width() + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** One attached client. */
    private static final class Attached {
        private final String id;
        private final Streams streams;
        private final ClientStdio client;
        private SeqPacketSocket socket;
        private boolean gone;
        private volatile boolean detached;

        Attached(String id, Streams streams, ClientStdio client) {
            this.id = id;
            this.streams = streams;
            this.client = client;
        }

        synchronized void connect(ContainerRuntime runtime) {
            if (socket != null || gone) {
                return;
            }
            try {
                socket = SeqPacketSocket.connect(runtime.endpoints(id).socket());
            } catch (IOException e) {
                LOG.fine("attach to " + id + ": " + e.getMessage());
                gone = true; // the container ended first: nothing to attach to
            }
            notifyAll();
        }

        /** The socket once connected; null when the attachment ended before. */
        synchronized SeqPacketSocket awaitSocket() {
            while (socket == null && !gone) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return gone ? null : socket;
        }

        synchronized void ended() {
            if (socket != null) {
                // conmon drains the process's pipes before it records the exit; packets already queued
                // are still received after a shutdown, which only ends the wait for more
                socket.shutdown();
            } else {
                gone = true; // waited for a start that failed or was missed
                notifyAll();
            }
        }

        synchronized void close() {
            gone = true;
            if (socket != null) {
                socket.close();
            }
            notifyAll();
        }

        /** Output packets to the client, until the monitor closes the socket or the client goes. */
        void pumpOutput() {
            SeqPacketSocket s = awaitSocket();
            if (s == null) {
                return;
            }
            byte[] packet = new byte[PACKET];
            try {
                int n;
                while ((n = s.receive(packet)) > 0) {
                    OutputStream to = packet[0] == 3 ? (streams.stderr() ? client.err() : null)
                            : (streams.stdout() ? client.out() : null);
                    if (to != null && n > 1) {
                        to.write(packet, 1, n - 1);
                    }
                }
            } catch (IOException e) {
                LOG.fine("attach to " + id + " ended: " + e.getMessage());
            }
        }

        /** The client's input to the process, watching for the detach keys; the end of it ends the process's input. */
        void pumpInput() {
            InputStream in = client.in();
            io.cairn.engine.stdio.DetachKeyFilter keys = new io.cairn.engine.stdio.DetachKeyFilter(streams.detachKeys());
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (!streams.stdin()) {
                        continue; // read only to notice the client going
                    }
                    io.cairn.engine.stdio.DetachKeyFilter.Chunk chunk = keys.filter(buf, n);
                    send(chunk.data(), chunk.length());
                    if (chunk.detached()) {
                        detached = true;
                        synchronized (this) {
                            if (socket != null) {
                                socket.shutdown();
                            }
                            gone = true;
                            notifyAll();
                        }
                        return;
                    }
                }
                // the end of the client's input is a half close (the docker CLI closes its writing side
                // at once when it sends no input), not a client gone: its output is still wanted
                if (streams.stdin()) {
                    SeqPacketSocket s = awaitSocket();
                    if (s != null) {
                        s.shutdownOutput(); // the process's stdin ends (StdinOnce)
                    }
                }
            } catch (IOException e) {
                LOG.fine("attach input of " + id + " ended: " + e.getMessage());
            }
        }

        private void send(byte[] data, int len) throws IOException {
            if (len == 0) {
                return;
            }
            SeqPacketSocket s = awaitSocket();
            if (s != null) {
                s.send(data, len);
            }
        }
    }
}
