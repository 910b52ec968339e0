package io.cairn.engine.http;

import io.cairn.engine.api.Filters;
import io.cairn.engine.api.InvalidArgumentException;
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
import org.eclipse.jetty.util.Fields;

/**
 * One API request and its response, with Docker's conventions: query parameters, {@code filters} as
 * a JSON object of string lists, JSON bodies, and newline-delimited JSON for streams. Blocking; runs
 * on a Jetty pool thread.
 */
final class Exchange {

    private final Request request;
    private final Response response;
    private final List<String> pathParams;
    private Fields query;

    Exchange(Request request, Response response, List<String> pathParams) {
        this.request = request;
        this.response = response;
        this.pathParams = pathParams;
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
        try {
            return Json.read(Content.Source.asString(request, StandardCharsets.UTF_8), type, what);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
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

    /** The raw response stream, for downloads such as {@code save}. */
    java.io.OutputStream responseStream(String contentType) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        return Content.Sink.asOutputStream(response);
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

    void send(int status, String contentType, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        write(body, true);
    }

    /** Starts a newline-delimited JSON stream; follow with {@link #streamLine}. */
    void startStream() {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson");
    }

    /** Starts a raw stream (Docker's multiplexed logs); follow with {@link #frame}. */
    void startRawStream(String contentType) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
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
        try (Blocker.Callback callback = Blocker.callback()) {
            response.write(last, ByteBuffer.wrap(bytes), callback);
            callback.block();
        } catch (IOException e) {
            throw new UncheckedIOException("client went away", e);
        }
    }

    void header(String name, String value) {
        response.getHeaders().put(name, value);
    }
}
