package io.cairn.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP/1.1 connection to a daemon's socket, written and read byte by byte, for what the CLI
 * cannot do on purpose: hold a stream open, send half a body and stall, close mid-response. Every
 * read has a (generous) deadline, after which the connection is closed and the test fails.
 */
final class RawHttp implements AutoCloseable {

    static final long DEADLINE_SECONDS = 60;

    private static final java.util.concurrent.ExecutorService READERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "raw-http-read");
        t.setDaemon(true);
        return t;
    });

    /** A status line and headers (names in lower case). */
    record Head(int status, Map<String, String> headers) {
    }

    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(SocketChannel channel) {
        this.channel = channel;
        // not Channels.newInputStream/newOutputStream: those lock the channel, so that a read waiting for
        // the answer would block a write of the body
        this.in = new java.io.BufferedInputStream(new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : channel.read(java.nio.ByteBuffer.wrap(b, off, len));
            }
        });
        this.out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, off, len);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            }
        };
    }

    static RawHttp connect(Path socket) throws IOException {
        return new RawHttp(SocketChannel.open(UnixDomainSocketAddress.of(socket)));
    }

    /** Sends a request head ({@code "GET /_ping"}) with Host and the given extra header lines. */
    RawHttp request(String requestLine, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: cairn\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        return send(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
    }

    RawHttp send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    Head head() throws Exception {
        return within(() -> {
            String status = line();
            if (status == null) {
                throw new IOException("the daemon closed the connection before answering");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (String l = line(); l != null && !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
            }
            return new Head(Integer.parseInt(status.split(" ")[1]), headers);
        });
    }

    /** The body of a response whose head was read: by Content-Length, or chunked to its end. */
    String body(Head head) throws Exception {
        return within(() -> {
            if (head.headers().containsKey("content-length")) {
                return new String(in.readNBytes(Integer.parseInt(head.headers().get("content-length"))),
                        StandardCharsets.UTF_8);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                body.writeBytes(in.readNBytes(size));
                line();
            }
            return body.toString(StandardCharsets.UTF_8);
        });
    }

    /** Every byte until the daemon closes the connection: the rest of a hijacked stream. */
    byte[] rest() throws Exception {
        return within(in::readAllBytes);
    }

    /** Exactly {@code n} bytes of a hijacked stream (fewer only at its end). */
    byte[] read(int n) throws Exception {
        return within(() -> in.readNBytes(n));
    }

    /** Ends our writing side (Docker's CloseWrite): a hijacked process reads EOF on its stdin. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    /**
     * The answer after the request was sent: its status and body, the body read by its length, to its
     * last chunk, or (a follower's answer) until the daemon closes; empty for 204 and 304.
     */
    String[] answer() throws Exception {
        Head head = head();
        String text;
        if (head.status() == 204 || head.status() == 304) {
            text = "";
        } else if (head.headers().containsKey("content-length")
                || "chunked".equalsIgnoreCase(head.headers().get("transfer-encoding"))) {
            text = body(head);
        } else {
            text = new String(rest(), java.nio.charset.StandardCharsets.UTF_8);
        }
        return new String[] {String.valueOf(head.status()), text};
    }

    /** The whole answer to a short request on a fresh connection. */
    static String[] exchange(Path socket, String requestLine) throws Exception {
        try (RawHttp c = connect(socket)) {
            Head head = c.request(requestLine).head();
            return new String[] {String.valueOf(head.status()), c.body(head)};
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private interface Read<T> {
        T read() throws Exception;
    }

    private <T> T within(Read<T> read) throws Exception {
        CompletableFuture<T> f = CompletableFuture.supplyAsync(() -> {
            try {
                return read.read();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, READERS);
        try {
            return f.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            channel.close(); // unblocks the read
            throw new AssertionError("no answer from the daemon within " + DEADLINE_SECONDS + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
