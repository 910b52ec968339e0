package io.cairn.cli.container;

import io.cairn.cli.client.ApiClient;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Reads Docker's multiplexed log stream (frames of: stream byte 1=stdout 2=stderr, 3 zero bytes, a
 * big-endian length, the payload) and writes each frame to the matching output.
 */
final class LogStream {

    private final ApiClient client;
    private final String id;
    private final PrintWriter out;
    private final PrintWriter err;

    LogStream(ApiClient client, String id, PrintWriter out, PrintWriter err) {
        this.client = client;
        this.id = id;
        this.out = out;
        this.err = err;
    }

    /** Streams the log with the given query (e.g. {@code follow=1&tail=10}) until it ends. */
    void copy(String query) {
        client.download("/containers/" + id + "/logs?stdout=1&stderr=1&" + query, new Demux(), n -> { });
        out.flush();
        err.flush();
    }

    /** {@code run}'s attach: follow the log from the start in a daemon thread. */
    Thread followInBackground() {
        Thread t = new Thread(() -> {
            try {
                copy("follow=1");
            } catch (RuntimeException ended) {
                // the container was removed or the start failed: the caller reports that
            }
        }, "logs-" + id.substring(0, 12));
        t.setDaemon(true);
        t.start();
        return t;
    }

    private final class Demux extends OutputStream {
        private final byte[] header = new byte[8];
        private int headerFill;
        private long remaining;
        private int stream;
        private final java.io.ByteArrayOutputStream payload = new java.io.ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int i = off;
            int end = off + len;
            while (i < end) {
                if (remaining == 0) {
                    header[headerFill++] = b[i++];
                    if (headerFill == 8) {
                        stream = header[0];
                        remaining = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8)
                                | (header[7] & 0xff);
                        headerFill = 0;
                    }
                    continue;
                }
                int n = (int) Math.min(remaining, end - i);
                payload.write(b, i, n);
                i += n;
                remaining -= n;
                if (remaining == 0) {
                    String text = payload.toString(StandardCharsets.UTF_8);
                    payload.reset();
                    PrintWriter target = stream == 2 ? err : out;
                    target.print(text);
                    target.flush();
                }
            }
        }
    }
}
