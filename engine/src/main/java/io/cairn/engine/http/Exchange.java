package io.cairn.engine.http;

import io.cairn.api.Filters;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.TooLargeException;
import io.cairn.api.UnavailableException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * One API request and its response, with Docker's conventions: query parameters, {@code filters} as
 * a JSON object of string lists, JSON bodies, and newline-delimited JSON for streams. Blocking; runs
 * on a Jetty pool thread, or on a follower's thread once {@link #follow handed} to {@link Followers}.
 *
 * <p>Bodies read whole (JSON, a Dockerfile) are limited to {@link #MAX_BODY} bytes: a longer one is
 * refused with 413 before it is read, or as soon as the limit is passed. Uploads ({@link #bodyStream})
 * are streamed to disk by their routes and have no such limit.
 */
final class Exchange {

    /** The most a body read into memory may hold; far above any real config or Dockerfile. */
    static final int MAX_BODY = 4 * 1024 * 1024;
    /** Bytes a download ({@link #responseStream}) gathers before each socket write. */
    private static final int RESPONSE_BUFFER = 1 << 18;

    private final Request request;
    private final Response response;
    private final Callback callback;
    private final List<String> pathParams;
    private final Followers followers;
    private Fields query;
    private volatile boolean detached;
    private volatile boolean peerClosed;

    Exchange(Request request, Response response, Callback callback, List<String> pathParams, Followers followers) {
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.pathParams = pathParams;
        this.followers = followers;
    }

    String path(int i) {
        return pathParams.get(i);
    }

    int uid() {
        return PeerCredentials.uid(request);
    }

    String param(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request);
        }
        return query.getValue(name);
    }

    /** Every value of a repeated query parameter. */
    List<String> params(String name) {
        if (query == null) {
            query = Request.extractQueryParameters(request);
        }
        List<String> values = query.getValues(name);
        return values == null ? List.of() : values;
    }

    boolean flag(String name) {
        String v = param(name);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("true"));
    }

    long longParam(String name, long dflt) {
        String v = param(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("query parameter " + name + ": not a number: " + v);
        }
    }

    /**
     * Docker's {@code since}/{@code until}: Unix seconds with an optional fraction, in nanoseconds;
     * null when absent.
     */
    Long unixTime(String name) {
        String v = param(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return new java.math.BigDecimal(v).movePointRight(9).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new InvalidArgumentException("query parameter " + name + ": not a Unix time: " + v);
        }
    }

    /** Docker's {@code filters={"key":["v1","v2"]}} (also the legacy {@code {"key":{"v1":true}}}). */
    Filters filters() {
        String raw = param("filters");
        if (raw == null || raw.isBlank()) {
            return Filters.none();
        }
        try {
            var node = Json.MAPPER.readTree(raw);
            Map<String, List<String>> map = new LinkedHashMap<>();
            var fields = node.fields();
            while (fields.hasNext()) {
                var f = fields.next();
                List<String> values = new ArrayList<>();
                if (f.getValue().isArray()) {
                    f.getValue().forEach(v -> values.add(v.asText()));
                } else if (f.getValue().isObject()) {
                    f.getValue().fieldNames().forEachRemaining(values::add);
                } else {
                    throw new InvalidArgumentException("filters: values of \"" + f.getKey() + "\" must be a list");
                }
                map.put(f.getKey(), values);
            }
            return new Filters(map);
        } catch (IOException e) {
            throw new InvalidArgumentException("filters: not a JSON object: " + raw);
        }
    }

    <T> T body(Class<T> type, String what) {
        return Json.read(new String(bodyBytes(what), StandardCharsets.UTF_8), type, what);
    }

    /**
     * The whole body, of at most {@link #MAX_BODY} bytes.
     *
     * @throws TooLargeException when the body is longer (by its Content-Length, before reading it)
     */
    byte[] bodyBytes(String what) {
        long declared = request.getLength();
        if (declared > MAX_BODY) {
            throw tooLarge(what);
        }
        try {
            // not closed: closing a request's stream before its end fails the exchange, and the 413 with it
            byte[] body = bodyStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw tooLarge(what);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + what + " request body", e);
        }
    }

    private static TooLargeException tooLarge(String what) {
        return new TooLargeException("the " + what + " request body is larger than the limit of " + MAX_BODY
                + " bytes (" + (MAX_BODY >> 20) + " MiB)");
    }

    /** The request's media type without parameters, lower case; empty when it has none. */
    String contentType() {
        String t = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (t == null) {
            return "";
        }
        int semi = t.indexOf(';');
        return (semi < 0 ? t : t.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** The request body as a stream (for uploads such as {@code import} and {@code load}). */
    java.io.InputStream bodyStream() {
        return Content.Source.asInputStream(request);
    }

    /**
     * Reads and drops what is left of the request body, at most {@code max} bytes, before a refusal is
     * answered. A refusal often comes before the body has arrived (a bad path, a missing container):
     * answering and closing then would break the client's pipe mid-upload, and it would never read why
     * it was refused. Go's server, Docker's, drains the same way; past {@code max} the connection closes.
     */
    void drainBody(long max) {
        if (request.getLength() == 0) {
            return;
        }
        try (java.io.InputStream in = bodyStream()) {
            byte[] sink = new byte[8192];
            long left = max;
            for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0; ) {
                left -= n;
            }
        } catch (java.io.IOException | RuntimeException gone) {
            // the body is not needed: a client that stopped sending just gets its answer, or a closed connection
        }
    }

    /**
     * The raw response stream, for downloads such as {@code save}: buffered, so that a writer's
     * small writes (a tar's 10 KiB records) do not each become a chunk and a blocking socket write
     * (a 10 MB save was ≈ 1000 of them; docs/BENCHMARKS.md, "Issue 16 item 4").
     */
    java.io.OutputStream responseStream(String contentType) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        return new java.io.BufferedOutputStream(Content.Sink.asOutputStream(response), RESPONSE_BUFFER);
    }

    void json(int status, Object value) {
        send(status, "application/json", Json.write(value));
    }

    void text(int status, String text) {
        send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    void noContent() {
        response.setStatus(204);
    }

    /** 304 without a body: the object is already in the state asked for. */
    void notModified() {
        response.setStatus(304);
    }

    /**
     * Hands the rest of this exchange to a follower thread ({@link Followers}): the request thread
     * returns at once. {@code kind} names the follower ({@code events}, {@code logs}, {@code wait});
     * with {@code interrupt}, a client that closes the connection interrupts {@code body}'s thread,
     * otherwise {@code body} polls {@link #open()}.
     *
     * @throws UnavailableException when the daemon already serves its maximum of followers
     */
    void follow(String kind, boolean interrupt, Route.Handler body) {
        bodyBytes(kind); // a follower's request has no body worth keeping; read it so that its bytes are not mistaken for a close
        response.getHeaders().put(HttpHeader.CONNECTION, "close"); // the connection ends with the follower
        followers.start(this, kind, interrupt, true, body);
    }

    /**
     * Hands an upload ({@code import}, {@code load}, a build) to a follower thread before its body is
     * read: a client that sends slowly or stalls then holds that thread and a follower slot, never a
     * request thread. No close watch: reading the body notices a client that goes.
     *
     * @throws UnavailableException when the daemon already serves its maximum of followers
     */
    void upload(String kind, Route.Handler body) {
        followers.start(this, kind, false, false, body);
    }

    /**
     * Docker's hijack: answers {@code 101 Switching Protocols} ({@code Upgrade: tcp}) when the client
     * asked for an upgrade, else {@code 200} with a raw stream as daemons before 1.24 did, and hands
     * the connection to {@code body} on a follower thread; the connection is closed when
     * {@code body} returns. The request's body must have been read already.
     *
     * @param multiplexed Docker's multiplexed stream (no terminal) rather than the raw one
     * @throws UnavailableException when the daemon already serves its maximum of followers
     */
    void hijack(String kind, boolean multiplexed, java.util.function.Consumer<io.cairn.engine.stdio.ClientStdio> body) {
        Runnable release = followers.reserve(kind);
        String contentType = multiplexed ? "application/vnd.docker.multiplexed-stream" : "application/vnd.docker.raw-stream";
        String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
        if (upgrade != null && upgrade.equalsIgnoreCase("tcp")) {
            response.setStatus(101);
            response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
            response.getHeaders().put(HttpHeader.UPGRADE, "tcp");
        } else {
            // dockerd's answer without an upgrade: 200 and the stream until the connection closes, no
            // Content-Length (docker-java without stdin, as Testcontainers' exec, reads the body so)
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        if (upgrade == null || !upgrade.equalsIgnoreCase("tcp")) {
            // committed now, before any content, so Jetty frames the body by the connection's end
            // rather than counting the nothing written so far as a Content-Length of 0
            try (Blocker.Callback flushed = Blocker.callback()) {
                response.write(false, null, flushed);
                flushed.block();
            } catch (IOException e) {
                release.run();
                throw new UncheckedIOException(e);
            }
        }
        org.eclipse.jetty.io.EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        RawConnection raw = new RawConnection(endPoint, multiplexed, c -> followers.runHijacked(release, () -> {
            try (io.cairn.engine.stdio.ClientStdio stdio = c.stdio()) {
                body.accept(stdio);
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(Exchange.class.getName()).warning(kind + " stream ended: " + e);
            }
        }));
        raw.setInputBufferSize(8192);
        request.setAttribute(org.eclipse.jetty.server.HttpStream.UPGRADE_CONNECTION_ATTRIBUTE, raw);
    }

    /** Whether the client is still connected (as far as the follower's watch has noticed). */
    boolean open() {
        return !peerClosed;
    }

    Request request() {
        return request;
    }

    void detach() {
        detached = true;
    }

    void attach() {
        detached = false;
    }

    void peerClosed() {
        peerClosed = true;
    }

    /** Ends the exchange on the request thread unless a follower has it. */
    void completeOnRequestThread() {
        if (!detached) {
            callback.succeeded();
        }
    }

    /** Ends a follower's exchange: normally, or by dropping the connection when the client has gone. */
    void completeFollower() {
        if (peerClosed) {
            callback.failed(new org.eclipse.jetty.io.EofException("client closed the connection"));
        } else {
            callback.succeeded();
        }
    }

    void send(int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        write(body, true);
    }

    /**
     * Starts a newline-delimited JSON stream and sends its headers at once (a client learns that
     * the stream is open before the first line, as from dockerd); follow with {@link #streamLine}.
     */
    void startStream() {
        startRawStream("application/x-ndjson");
    }

    /** Starts a raw stream (Docker's multiplexed logs) and sends its headers; follow with {@link #frame}. */
    void startRawStream(String contentType) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        write(new byte[0], false);
    }

    /** One frame of Docker's stdcopy format: stream byte, three zero bytes, big-endian length, payload. */
    void frame(int stream, byte[] payload) {
        byte[] frame = new byte[8 + payload.length];
        frame[0] = (byte) stream;
        frame[4] = (byte) (payload.length >>> 24);
        frame[5] = (byte) (payload.length >>> 16);
        frame[6] = (byte) (payload.length >>> 8);
        frame[7] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 8, payload.length);
        write(frame, false);
    }

    /** True once an answer's status and headers have gone out: a failure can no longer change them. */
    boolean streamStarted() {
        return response.isCommitted();
    }

    /**
     * Ends a started answer after a failure: a newline-delimited JSON stream gets {@code line} last;
     * any other stream (raw, multiplexed, a download) just ends, short, which its client sees.
     */
    void endStreamWith(Object line) {
        String type = response.getHeaders().get(HttpHeader.CONTENT_TYPE);
        try {
            if (type != null && type.startsWith("application/x-ndjson")) {
                streamLine(line);
            }
            write(new byte[0], true);
        } catch (RuntimeException gone) {
            java.util.logging.Logger.getLogger(Exchange.class.getName()).fine("could not end the stream: " + gone);
        }
    }

    /** Writes one JSON line and flushes it; false once the client has gone. */
    boolean streamLine(Object value) {
        byte[] json = Json.write(value);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        try {
            write(line, false);
            return true;
        } catch (UncheckedIOException gone) {
            return false;
        }
    }

    void write(byte[] bytes, boolean last) {
        try (Blocker.Callback done = Blocker.callback()) {
            response.write(last, ByteBuffer.wrap(bytes), done);
            done.block();
        } catch (IOException e) {
            throw new UncheckedIOException("client went away", e);
        }
    }

    void header(String name, String value) {
        response.getHeaders().put(name, value);
    }
}
