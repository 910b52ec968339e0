package io.cairn.cli.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A minimal HTTP/1.1 client over a unix socket (one request per connection, closed by the client
 * once the answer is read), small enough to keep the CLI's start-up cheap: JDK sockets only.
 */
final class UnixHttp {

    private final Path socket;

    UnixHttp(Path socket) {
        this.socket = socket;
    }

    HttpResponse send(String method, String path, byte[] body) throws IOException {
        try (SocketChannel channel = open()) {
            InputStream in = exchange(channel, method, path, body);
            Status status = readHead(in);
            if (method.equals("HEAD")) { // a HEAD answer has headers only, whatever its Content-Length says
                return new HttpResponse(status.code, status.headers, new byte[0]);
            }
            return whole(in, status);
        }
    }

    /**
     * Sends a request and returns once the head of its answer has arrived; the body is read by the
     * returned future (on its own thread), which also closes the connection. For a request that must
     * be registered before the next one is sent: a {@code wait} before the {@code start} it watches.
     */
    java.util.concurrent.CompletableFuture<HttpResponse> answered(String method, String path) throws IOException {
        SocketChannel channel = open();
        try {
            InputStream in = exchange(channel, method, path, null);
            Status status = readHead(in);
            return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (channel) {
                    return whole(in, status);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Sends a request whose answer is a stream of lines. A non-2xx answer is returned whole instead.
     *
     * @return the response head (with the body of an error), after the stream ended
     */
    HttpResponse stream(String method, String path, LineSink sink) throws IOException {
        return stream(method, path, Map.of(), sink);
    }

    /** As {@link #stream(String, String, LineSink)}, sending {@code headers} too. */
    HttpResponse stream(String method, String path, Map<String, String> headers, LineSink sink) throws IOException {
        try (SocketChannel channel = open()) {
            InputStream in = exchange(channel, method, path, null, headers);
            Status status = readHead(in);
            if (status.code / 100 != 2) {
                return whole(in, status);
            }
            readBody(in, status, sink, true);
            return new HttpResponse(status.code, status.headers, new byte[0]);
        }
    }

    /**
     * Sends {@code body} chunked (its length need not be known) and reads the whole answer;
     * {@code sent} hears the running byte count. An answer that arrives before the body is
     * finished (an early refusal) is still read and returned.
     */
    HttpResponse upload(String method, String path, String contentType, InputStream body,
                        java.util.function.LongConsumer sent, LineSink lines) throws IOException {
        return upload(method, path, contentType, Map.of(), body, sent, lines);
    }

    /** As {@link #upload(String, String, String, InputStream, java.util.function.LongConsumer, LineSink)}, sending {@code headers} too. */
    HttpResponse upload(String method, String path, String contentType, Map<String, String> headers, InputStream body,
                        java.util.function.LongConsumer sent, LineSink lines) throws IOException {
        try (SocketChannel channel = open()) {
            OutputStream out = Channels.newOutputStream(channel);
            StringBuilder extra = new StringBuilder();
            headers.forEach((k, v) -> {
                if (k.indexOf('\n') >= 0 || v.indexOf('\n') >= 0 || k.indexOf('\r') >= 0 || v.indexOf('\r') >= 0) {
                    throw new IllegalArgumentException("header " + k + " holds a line break");
                }
                extra.append(k).append(": ").append(v).append("\r\n");
            });
            String head = method + " " + path + " HTTP/1.1\r\nHost: cairn\r\nUser-Agent: cairn-cli\r\n" + extra
                    + "Content-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n";
            try {
                out.write(head.getBytes(StandardCharsets.US_ASCII));
                byte[] buf = new byte[1 << 16];
                long total = 0;
                for (int n; (n = body.read(buf)) > 0; ) {
                    out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(buf, 0, n);
                    out.write(CRLF);
                    total += n;
                    sent.accept(total);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException refusedEarly) {
                // the daemon may have answered and closed; its answer says why
            }
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 16384);
            Status status = readHead(in);
            if (lines != null && status.code / 100 == 2) {
                readBody(in, status, lines, true);
                return new HttpResponse(status.code, status.headers, new byte[0]);
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            readBody(in, status, l -> {
                answer.write(l.getBytes(StandardCharsets.UTF_8));
                return true;
            }, false);
            return new HttpResponse(status.code, status.headers, answer.toByteArray());
        }
    }

    /** Streams a download's raw body into {@code sink}; an error answer is returned whole instead. */
    HttpResponse download(String method, String path, OutputStream sink, java.util.function.LongConsumer received)
            throws IOException {
        try (SocketChannel channel = open()) {
            InputStream in = exchange(channel, method, path, null);
            Status status = readHead(in);
            if (status.code / 100 != 2) {
                return new HttpResponse(status.code, status.headers, bodyOf(in, status).readAllBytes());
            }
            InputStream body = bodyOf(in, status);
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = body.read(buf)) > 0; ) {
                sink.write(buf, 0, n);
                total += n;
                received.accept(total);
            }
            sink.flush();
            return new HttpResponse(status.code, status.headers, new byte[0]);
        }
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** A hijack's answer: the stream, or the daemon's refusal. */
    record HijackAnswer(Hijacked stream, HttpResponse refusal) {
    }

    /**
     * Sends a request that asks for Docker's hijack ({@code Upgrade: tcp}); on 101 (or 200 from a
     * daemon that does not upgrade) the connection becomes the returned stream, else the answer is
     * read whole and returned as the refusal.
     */
    HijackAnswer hijack(String method, String path, byte[] body) throws IOException {
        SocketChannel channel = open();
        try {
            StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: cairn\r\nUser-Agent: cairn-cli\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n");
            byte[] b = body == null ? new byte[0] : body;
            head.append("Content-Type: application/json\r\nContent-Length: ").append(b.length).append("\r\n\r\n");
            OutputStream raw = Channels.newOutputStream(channel);
            raw.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            raw.write(b);
            raw.flush();
            InputStream in = new BufferedInputStream(Hijacked.input(channel), 16384);
            Status status = readHead(in);
            if (status.code == 101 || status.code == 200) {
                return new HijackAnswer(new Hijacked(channel, in), null);
            }
            try (channel) {
                return new HijackAnswer(null, new HttpResponse(status.code, status.headers, bodyOf(in, status).readAllBytes()));
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Nothing listens on the socket: the request was not sent, so it may be sent again once a
     * daemon is up. Any other I/O failure may come after the daemon acted on the request.
     */
    static final class NotConnected extends IOException {
        private static final long serialVersionUID = 1L;

        NotConnected(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private SocketChannel open() throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return channel;
        } catch (IOException e) {
            channel.close();
            throw new NotConnected(e);
        }
    }

    private static InputStream exchange(SocketChannel channel, String method, String path, byte[] body)
            throws IOException {
        return exchange(channel, method, path, body, Map.of());
    }

    private static InputStream exchange(SocketChannel channel, String method, String path, byte[] body,
                                        Map<String, String> headers) throws IOException {
        StringBuilder head = new StringBuilder(128).append(method).append(' ').append(path)
                .append(" HTTP/1.1\r\nHost: cairn\r\nUser-Agent: cairn-cli\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) { // a loop, not a lambda: no bootstrap on every request's path
            String k = h.getKey();
            String v = h.getValue();
            if (k.indexOf('\n') >= 0 || v.indexOf('\n') >= 0 || k.indexOf('\r') >= 0 || v.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("header " + k + " holds a line break");
            }
            head.append(k).append(": ").append(v).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        } else if (!method.equals("GET") && !method.equals("HEAD")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        OutputStream out = Channels.newOutputStream(channel);
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            out.write(headBytes);
        } else {
            byte[] all = new byte[headBytes.length + body.length];
            System.arraycopy(headBytes, 0, all, 0, headBytes.length);
            System.arraycopy(body, 0, all, headBytes.length, body.length);
            out.write(all);
        }
        out.flush();
        return new BufferedInputStream(Channels.newInputStream(channel), 16384);
    }

    private record Status(int code, Map<String, String> headers) {
    }

    /** The rest of the answer, its body read whole. */
    private static HttpResponse whole(InputStream in, Status status) throws IOException {
        return new HttpResponse(status.code, status.headers, bodyOf(in, status).readAllBytes());
    }

    private static Status readHead(InputStream in) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null || !statusLine.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int code = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(), line.substring(colon + 1).trim());
            }
        }
        return new Status(code, headers);
    }

    /**
     * The answer's body, framed as its head says. Requests do not ask the daemon to close the
     * connection, so a streamed answer comes chunked and one cut off by a dying daemon is told from
     * a complete one ({@link ChunkedInputStream}); 1xx, 204 and 304 answers have no body.
     */
    private static InputStream bodyOf(InputStream in, Status status) {
        Map<String, String> headers = status.headers;
        if (status.code / 100 == 1 || status.code == 204 || status.code == 304) {
            return InputStream.nullInputStream();
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return new ChunkedInputStream(in);
        } else if (headers.containsKey("content-length")) {
            return new BoundedInputStream(in, Long.parseLong(headers.get("content-length")));
        }
        return in;
    }

    private static void readBody(InputStream in, Status status, LineSink sink, boolean byLine)
            throws IOException {
        InputStream body = bodyOf(in, status);
        if (!byLine) {
            sink.line(new String(body.readAllBytes(), StandardCharsets.UTF_8));
            return;
        }
        for (String line = readLine(body); line != null; line = readLine(body)) {
            if (!line.isEmpty() && !sink.line(line)) {
                return;
            }
        }
    }

    /** Reads a line ending in LF (CR stripped); null at end of stream. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            line.write(b);
        }
        if (b == -1 && line.size() == 0) {
            return null;
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
