package io.cairn.cli.container;

import io.cairn.cli.client.ApiClient;
import io.cairn.cli.client.Hijacked;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * One client side of a hijacked stream ({@code run -i}, {@code start -a}, {@code attach},
 * {@code exec}): this process's stdin goes to the process (and its end closes our writing side, so
 * the process reads EOF), the process's output comes back, demultiplexed to stdout and stderr, or raw
 * with a terminal. With {@code -t} and a terminal on stdin, the local terminal is raw for the session
 * and its size follows the window ({@code resize} at the start and on SIGWINCH). Without a terminal,
 * {@code --sig-proxy} forwards SIGINT and SIGTERM to the container ({@code kill}).
 */
final class AttachSession {

    /** How to reach the process for resizes and forwarded signals. */
    interface Target {
        /** The resize path with its query to come ({@code /containers/ID/resize} or {@code /exec/ID/resize}). */
        String resizePath();

        /** The kill path for a forwarded signal, or null when signals are not forwarded. */
        String killPath();
    }

    private AttachSession() {
    }

    /**
     * Runs the session until the daemon ends the output stream.
     *
     * @param stdin forward this process's stdin
     * @param tty   the process has a terminal (raw stream)
     */
    static void run(ApiClient client, Hijacked stream, boolean stdin, boolean tty, Target target, boolean sigProxy)
            throws IOException {
        OutputStream out = new FileOutputStream(FileDescriptor.out);
        OutputStream err = new FileOutputStream(FileDescriptor.err);
        Terminal raw = tty && stdin && Terminal.stdinIsTerminal() ? Terminal.raw() : null;
        Runnable restoreSignals = () -> { };
        try {
            if (tty && Terminal.stdinIsTerminal()) {
                resize(client, target);
                restoreSignals = Signals.on("WINCH", () -> resize(client, target));
            } else if (sigProxy && target.killPath() != null) {
                Runnable a = Signals.on("INT", () -> forward(client, target, "SIGINT"));
                Runnable b = Signals.on("TERM", () -> forward(client, target, "SIGTERM"));
                restoreSignals = () -> {
                    a.run();
                    b.run();
                };
            }
            Thread input = new Thread(() -> pumpInput(stdin ? System.in : null, stream), "attach-stdin");
            input.setDaemon(true);
            input.start();
            if (tty) {
                stream.in().transferTo(out);
            } else {
                demux(stream.in(), out, err);
            }
            out.flush();
            err.flush();
        } finally {
            restoreSignals.run();
            if (raw != null) {
                raw.close();
            }
            stream.close();
        }
    }

    private static void pumpInput(InputStream in, Hijacked stream) {
        try {
            if (in != null) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0; ) {
                    stream.out().write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the stream closed: the session is over
        }
        stream.closeWrite();
    }

    /** Docker's multiplexed stream: 8-byte headers (stream, 0, 0, 0, big-endian length), then the payload. */
    static void demux(InputStream in, OutputStream out, OutputStream err) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] header = new byte[8];
        while (true) {
            try {
                data.readFully(header);
            } catch (EOFException end) {
                return;
            }
            int len = ((header[4] & 0xFF) << 24) | ((header[5] & 0xFF) << 16) | ((header[6] & 0xFF) << 8) | (header[7] & 0xFF);
            if (len < 0) {
                throw new IOException("bad stream frame of length " + Integer.toUnsignedString(len));
            }
            byte[] payload = data.readNBytes(len);
            OutputStream to = header[0] == 2 ? err : out;
            to.write(payload);
            to.flush();
            if (payload.length < len) {
                return;
            }
        }
    }

    private static void resize(ApiClient client, Target target) {
        Optional<int[]> size = Terminal.size();
        if (size.isPresent()) {
            try {
                client.post(target.resizePath() + "?h=" + size.get()[0] + "&w=" + size.get()[1], null,
                        com.fasterxml.jackson.databind.JsonNode.class);
            } catch (RuntimeException e) {
                // the process may have ended meanwhile: nothing to resize
            }
        }
    }

    private static void forward(ApiClient client, Target target, String signal) {
        try {
            client.post(target.killPath() + "?signal=" + signal, null, com.fasterxml.jackson.databind.JsonNode.class);
        } catch (RuntimeException e) {
            // not running any more
        }
    }
}
