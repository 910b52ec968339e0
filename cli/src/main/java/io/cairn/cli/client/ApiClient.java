package io.cairn.cli.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.CairnException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The CLI's client of the daemon's API. The first request that finds no daemon on the root's socket
 * starts one ({@link DaemonStarter}) and retries; errors come back as the {@link CairnException} the
 * daemon reported: of the error body's {@code kind}, with its {@code message}.
 */
public final class ApiClient {

    /** Built on first use: ≈ 40 ms under the client's C1-only JVM, which streaming commands skip. */
    private static final class Mapper {
        static final ObjectMapper JSON = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** The client's Jackson mapper (unknown properties ignored). */
    public static ObjectMapper json() {
        return Mapper.JSON;
    }

    private final Path root;
    private final UnixHttp http;
    private final boolean autoStart;
    private boolean started;

    /** A client that starts a daemon for {@code root} when none answers. */
    public ApiClient(Path root) {
        this(root, true);
    }

    /** A client that starts a daemon only if {@code autoStart}; otherwise a missing daemon is an error. */
    public ApiClient(Path root, boolean autoStart) {
        this.root = root;
        this.http = new UnixHttp(root.resolve("cairn.sock"));
        this.autoStart = autoStart;
    }

    public Path root() {
        return root;
    }

    public <T> T get(String path, Class<T> type) {
        return decode(call("GET", path, null), type);
    }

    public JsonNode get(String path) {
        return decode(call("GET", path, null), JsonNode.class);
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return decode(call("POST", path, body == null ? null : encode(body)), type);
    }

    public void delete(String path) {
        call("DELETE", path, null);
    }

    public JsonNode deleteJson(String path) {
        return decode(call("DELETE", path, null), JsonNode.class);
    }

    /**
     * {@code POST path}, returning once the daemon has begun its answer (it has taken the request in);
     * the decoded body comes through the future. A refusal throws here, as any call's does.
     */
    public java.util.concurrent.CompletableFuture<JsonNode> postOnceAnswered(String path) {
        java.util.concurrent.CompletableFuture<HttpResponse> answer = withDaemon(() -> http.answered("POST", path));
        return answer.thenApply(response -> decode(check(response), JsonNode.class));
    }

    /** Streams newline-delimited JSON; the sink returns false to stop. */
    public void stream(String path, LineSink sink) {
        HttpResponse response = withDaemon(() -> http.stream("GET", path, sink));
        check(response);
    }

    /**
     * Docker's hijack ({@code POST} with {@code Upgrade: tcp}): the raw stream of an {@code attach}
     * or {@code exec start}; a refusal throws as any other request's does.
     */
    public Hijacked hijack(String path, Object body) {
        UnixHttp.HijackAnswer answer = withDaemon(() -> http.hijack("POST", path, body == null ? null : encode(body)));
        if (answer.refusal() != null) {
            check(answer.refusal());
            throw new DaemonUnavailableException("the daemon did not hijack " + path + " (status "
                    + answer.refusal().status() + ")");
        }
        return answer.stream();
    }

    /** Sends {@code method path} with {@code headers} and streams the answer's lines; the sink returns false to stop. */
    public void stream(String method, String path, Map<String, String> headers, LineSink sink) {
        HttpResponse response = withDaemon(() -> http.stream(method, path, headers, sink));
        check(response);
    }

    /** Uploads {@code body} (chunked) and decodes the JSON answer. */
    public JsonNode upload(String path, String contentType, java.io.InputStream body, java.util.function.LongConsumer sent) {
        return decode(check(withDaemon(() -> http.upload("POST", path, contentType, body, sent, null))), JsonNode.class);
    }

    /** Uploads {@code body} (chunked) and streams the answer's lines to {@code lines}. */
    public void uploadStreaming(String path, String contentType, java.io.InputStream body,
                                java.util.function.LongConsumer sent, LineSink lines) {
        uploadStreaming(path, contentType, Map.of(), body, sent, lines);
    }

    /** As {@link #uploadStreaming(String, String, java.io.InputStream, java.util.function.LongConsumer, LineSink)}, with {@code headers}. */
    public void uploadStreaming(String path, String contentType, Map<String, String> headers, java.io.InputStream body,
                                java.util.function.LongConsumer sent, LineSink lines) {
        check(withDaemon(() -> http.upload("POST", path, contentType, headers, body, sent, lines)));
    }

    /** Streams a download into {@code sink}. */
    public void download(String path, java.io.OutputStream sink, java.util.function.LongConsumer received) {
        check(withDaemon(() -> http.download("GET", path, sink, received)));
    }

    /** A HEAD request: the answer's headers (names in lower case); an error status throws as any call. */
    public Map<String, String> head(String path) {
        return call("HEAD", path, null).headers();
    }

    /** Streams a download into {@code sink} and returns the answer's headers (names in lower case). */
    public Map<String, String> downloadHeaders(String path, java.io.OutputStream sink) {
        return check(withDaemon(() -> http.download("GET", path, sink, n -> { }))).headers();
    }

    /** Uploads {@code body} (chunked) with PUT; the answer's body is ignored. */
    public void put(String path, String contentType, java.io.InputStream body) {
        check(withDaemon(() -> http.upload("PUT", path, contentType, body, n -> { }, null)));
    }

    /** True when a daemon answers {@code /_ping} now; never starts one. */
    public boolean ping() {
        try {
            return http.send("GET", "/_ping", null).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code ?filters=…} in Docker's JSON form, or "" when there are none. */
    public static String filters(Map<String, List<String>> filters) {
        if (filters.isEmpty()) {
            return "";
        }
        return "filters=" + URLEncoder.encode(new String(encode(filters), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /** Encodes a query parameter value. */
    public static String encodeQuery(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Encodes a name for a URL path, keeping its slashes: image references contain them, and Jetty
     * refuses an encoded separator ({@code %2F}) as ambiguous.
     */
    public static String encodePath(String name) {
        StringBuilder path = new StringBuilder();
        for (String segment : name.split("/", -1)) {
            if (path.length() > 0 || name.startsWith("/")) {
                path.append('/');
            }
            path.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }

    private HttpResponse call(String method, String path, byte[] body) {
        return check(withDaemon(new Send(http, method, path, body)));
    }

    private interface Io<T> {
        T run() throws IOException;
    }

    /** The plain request most commands make: a class rather than a lambda, whose bootstrap costs start-up time. */
    private static final class Send implements Io<HttpResponse> {
        private final UnixHttp http;
        private final String method;
        private final String path;
        private final byte[] body;

        Send(UnixHttp http, String method, String path, byte[] body) {
            this.http = http;
            this.method = method;
            this.path = path;
            this.body = body;
        }

        @Override
        public HttpResponse run() throws IOException {
            return http.send(method, path, body);
        }
    }

    private <T> T withDaemon(Io<T> request) {
        try {
            return request.run();
        } catch (UnixHttp.NotConnected noDaemon) { // only then: a request that reached a daemon is never sent twice
            if (started || !autoStart) {
                throw new DaemonUnavailableException("cannot reach the daemon at " + root.resolve("cairn.sock")
                        + ": " + noDaemon.getMessage());
            }
            started = true;
            new DaemonStarter(root, this).start();
            try {
                return request.run();
            } catch (IOException e) {
                throw new DaemonUnavailableException("cannot reach the daemon at " + root.resolve("cairn.sock")
                        + ": " + e.getMessage());
            }
        } catch (IOException e) {
            throw new DaemonUnavailableException("talking to the daemon at " + root.resolve("cairn.sock")
                    + ": " + e.getMessage());
        }
    }

    private static HttpResponse check(HttpResponse response) {
        // 304: already in the state asked for (start of a running container), which Docker's CLI treats as done
        if (response.status() / 100 == 2 || response.status() == 304) {
            return response;
        }
        String message = response.text();
        String kind = null; // absent from an older daemon's answer or a proxy's: the status decides
        try {
            JsonNode node = StreamJson.tree(response.body());
            if (node != null && node.has("message")) {
                message = node.get("message").asText();
                kind = node.path("kind").asText(null);
            }
        } catch (IOException notJson) {
            // keep the raw text
        }
        throw CairnException.fromHttp(response.status(), kind, message);
    }

    private static <T> T decode(HttpResponse response, Class<T> type) {
        if (response.body().length == 0) {
            return null;
        }
        try {
            if (type == JsonNode.class) { // most answers: no mapper needed (StreamJson)
                return type.cast(StreamJson.tree(response.body()));
            }
            return json().readValue(response.body(), type);
        } catch (IOException e) {
            throw new DaemonUnavailableException("the daemon answered something that is not "
                    + type.getSimpleName() + " JSON: " + e.getMessage());
        }
    }

    static byte[] encode(Object body) {
        if (StreamJson.plain(body)) { // the bodies the commands build: no mapper needed
            return StreamJson.bytes(body);
        }
        try {
            return json().writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
