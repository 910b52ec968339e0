package io.cairn.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.CairnException;
import io.cairn.api.ErrorKind;
import io.cairn.dockerfile.DockerfileException;
import io.cairn.engine.build.BuildFailedException;
import io.cairn.engine.build.copy.CopyException;
import io.cairn.journal.JournalException;
import io.cairn.storage.index.IndexStoreException;
import io.cairn.storage.layer.InvalidLayerException;
import io.cairn.storage.layer.tar.TarFormatException;
import io.cairn.storage.posix.PosixException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API's error answers through the real handler on a Unix socket: every kind's status and
 * {@code {"message", "kind"}} body, how the engine's own exceptions are named at the boundary, and
 * that a client never sees an exception's class.
 */
class ErrorAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The contract, written out: a change to a kind's status must change this table too. */
    private static final Map<ErrorKind, Integer> STATUS = new EnumMap<>(Map.ofEntries(
            Map.entry(ErrorKind.NOT_FOUND, 404),
            Map.entry(ErrorKind.ALREADY_EXISTS, 409),
            Map.entry(ErrorKind.CONFLICT, 409),
            Map.entry(ErrorKind.INVALID_ARGUMENT, 400),
            Map.entry(ErrorKind.TOO_LARGE, 413),
            Map.entry(ErrorKind.COMMAND_NOT_FOUND, 400),
            Map.entry(ErrorKind.COMMAND_NOT_INVOKABLE, 400),
            Map.entry(ErrorKind.BUILD_FAILED, 500),
            Map.entry(ErrorKind.NOT_IMPLEMENTED, 501),
            Map.entry(ErrorKind.UNAVAILABLE, 503),
            Map.entry(ErrorKind.ENGINE_FAILURE, 500)));

    @TempDir
    static Path dir;
    private static Server server;
    private static Path socket;

    private record Answer(int status, JsonNode body) {
    }

    /** Routes that throw what {@code failures} supplies, at {@code /fail/NAME}. */
    private static final Map<String, Supplier<Exception>> FAILURES = new java.util.LinkedHashMap<>();

    static {
        for (ErrorKind kind : ErrorKind.values()) {
            FAILURES.put(kind.wireName(), () -> CairnException.of(kind, "the " + kind + " of thing x"));
        }
        FAILURES.put("io", () -> new IOException("writing /var/lib/cairn/x: No space left on device"));
        FAILURES.put("unchecked-io", () -> new UncheckedIOException(new IOException("reading the context: EIO")));
        FAILURES.put("posix", () -> new PosixException("lsetxattr", Path.of("/r/x"), 28, "No space left on device"));
        FAILURES.put("journal", () -> new JournalException("journal append failed: disk full"));
        FAILURES.put("index", () -> new IndexStoreException("index at /r/index: write failed"));
        FAILURES.put("npe", NullPointerException::new);
        FAILURES.put("tar", () -> new TarFormatException("a/b", "bad checksum"));
        FAILURES.put("layer", () -> new InvalidLayerException("../x", "path escapes the layer"));
        FAILURES.put("copy", () -> new CopyException("COPY failed: source \"x\" not found in the build context"));
        FAILURES.put("dockerfile", () -> new DockerfileException("Dockerfile",
                List.of(io.cairn.dockerfile.Diagnostic.error(new io.cairn.dockerfile.Position(1, 1), "unknown instruction: FROB"))));
        FAILURES.put("build", () -> new BuildFailedException("Dockerfile:2: RUN false: exit code 1"));
        FAILURES.put("build-journal", () -> new BuildFailedException("Dockerfile:2: RUN true: journal failed",
                new JournalException("journal append failed")));
    }

    @BeforeAll
    static void start() throws Exception {
        socket = dir.resolve("api.sock");
        server = new Server();
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server, new HttpConnectionFactory());
        connector.setUnixDomainPath(socket);
        server.addConnector(connector);
        List<Route> routes = new ArrayList<>();
        FAILURES.forEach((name, failure) -> routes.add(Route.of("GET", "/fail/" + name, x -> {
            throw failure.get();
        })));
        routes.add(Route.of("GET", "/ok", x -> x.json(200, Map.of())));
        routes.add(Route.of("GET", "/stream-then-fail", x -> {
            x.startStream();
            x.streamLine(Map.of("n", 1));
            throw new IOException("reading the journal: EIO");
        }));
        routes.add(Route.of("PUT", "/refuse-upload", x -> {
            throw new io.cairn.api.InvalidArgumentException("no upload here");
        }));
        server.setHandler(new ApiHandler(routes, new Followers(2)));
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void everyKindAnswersItsStatusWithDockersMessageAndItsKind() throws Exception {
        assertEquals(List.of(ErrorKind.values()), List.copyOf(STATUS.keySet()), "the table covers every kind");
        for (ErrorKind kind : ErrorKind.values()) {
            Answer a = get("/fail/" + kind.wireName());
            assertEquals(STATUS.get(kind), a.status(), kind.toString());
            assertEquals(kind.httpStatus(), a.status(), kind.toString());
            assertEquals(List.of("message", "kind"), fields(a.body()), "Docker's message, and only the kind beside it");
            assertEquals("the " + kind + " of thing x", a.body().path("message").asText());
            assertEquals(kind.wireName(), a.body().path("kind").asText());
        }
    }

    @Test
    void a409SaysWhetherTheNameIsTakenOrTheStateConflicts() throws Exception {
        Answer exists = get("/fail/already_exists");
        Answer conflict = get("/fail/conflict");
        assertEquals(409, exists.status());
        assertEquals(409, conflict.status());
        assertNotEquals(exists.body().path("kind"), conflict.body().path("kind"));
    }

    @Test
    void theEnginesOwnFailuresAre500sInWordsWithoutAClassName() throws Exception {
        Map<String, String> expected = Map.of(
                "io", "GET /fail/io: writing /var/lib/cairn/x: No space left on device",
                "unchecked-io", "GET /fail/unchecked-io: reading the context: EIO",
                "posix", "GET /fail/posix: lsetxattr(/r/x): No space left on device (errno 28)",
                "journal", "GET /fail/journal: journal append failed: disk full",
                "index", "GET /fail/index: index at /r/index: write failed",
                "npe", "GET /fail/npe: internal error, see the daemon's log");
        for (var e : expected.entrySet()) {
            Answer a = get("/fail/" + e.getKey());
            assertEquals(500, a.status(), e.getKey());
            assertEquals("engine_failure", a.body().path("kind").asText(), e.getKey());
            assertEquals(e.getValue(), a.body().path("message").asText(), e.getKey());
            assertFalse(a.body().toString().contains("Exception"), a.body().toString());
            assertFalse(a.body().toString().contains("java."), a.body().toString());
        }
    }

    @Test
    void malformedInputIsTheCallersError() throws Exception {
        for (String name : List.of("tar", "layer", "copy", "dockerfile")) {
            Answer a = get("/fail/" + name);
            assertEquals(400, a.status(), name);
            assertEquals("invalid_argument", a.body().path("kind").asText(), name);
        }
        assertEquals("tar entry a/b: bad checksum", get("/fail/tar").body().path("message").asText());
    }

    @Test
    void aFailedStepIsTheBuildsUnlessTheEngineFailedUnderIt() throws Exception {
        Answer step = get("/fail/build");
        assertEquals("build_failed", step.body().path("kind").asText());
        assertEquals("Dockerfile:2: RUN false: exit code 1", step.body().path("message").asText());
        Answer engine = get("/fail/build-journal");
        assertEquals("engine_failure", engine.body().path("kind").asText());
        assertEquals("Dockerfile:2: RUN true: journal failed", engine.body().path("message").asText());
    }

    /** Docker answers 400 outside its range in these words; the docker CLI shows them as they are. */
    @Test
    void anApiVersionOutsideTheRangeIsRefusedAsDockerRefusesIt() throws Exception {
        assertEquals(200, get("/v1.43/ok").status());
        assertEquals(200, get("/v1.24/ok").status());
        assertEquals(200, get("/v1.30/ok").status(), "1.30 is inside: versions compare as numbers, not text");
        assertEquals(200, get("/ok").status(), "no version: the newest");
        Answer tooNew = get("/v1.44/ok");
        assertEquals(400, tooNew.status());
        assertEquals("client version 1.44 is too new. Maximum supported API version is 1.43",
                tooNew.body().path("message").asText());
        assertEquals("invalid_argument", tooNew.body().path("kind").asText());
        Answer tooOld = get("/v1.12/ok");
        assertEquals(400, tooOld.status());
        assertTrue(tooOld.body().path("message").asText().startsWith("client version 1.12 is too old. Minimum supported"
                + " API version is 1.24"), tooOld.body().toString());
        assertEquals(400, get("/v2/ok").status(), "2 > 1.43");
        assertEquals(400, get("/v1.999999999999999999999/ok").status(), "no overflow on a long number");
    }

    /** An endpoint of Docker's API that Cairn lacks is 501 naming it; outside the API it is 404. */
    @Test
    void aDockerEndpointCairnLacksIs501NamingItAndAnythingElse404() throws Exception {
        Answer swarm = get("/v1.43/swarm");
        assertEquals(501, swarm.status());
        assertEquals("Cairn does not implement GET /swarm of the Docker Engine API", swarm.body().path("message").asText());
        assertEquals("not_implemented", swarm.body().path("kind").asText());
        Answer plugin = get("/plugins/vieux/sshfs:latest/json");
        assertEquals(501, plugin.status(), "names with slashes match the template");
        assertTrue(plugin.body().path("message").asText().contains("GET /plugins/{name*}/json"), plugin.body().toString());
        assertEquals(404, get("/no/such/page").status());
        assertEquals(200, get("/ok").status(), "a route Cairn has is served, not caught by the catalogue");
    }

    @Test
    void unknownPathsAndMethodsCarryAKindToo() throws Exception {
        Answer page = get("/no/such/page");
        assertEquals(404, page.status());
        assertEquals("not_found", page.body().path("kind").asText());
        Answer method = request("POST", "/ok");
        assertEquals(405, method.status());
        assertEquals("invalid_argument", method.body().path("kind").asText());
        assertTrue(method.body().path("message").asText().startsWith("method POST not allowed"));
    }

    @Test
    void aStreamEndsWithDockersErrorLineAndTheKindInItsDetail() {
        Map<String, Object> line = Failures.streamLine(Failures.classify(
                new BuildFailedException("Dockerfile:3: COPY failed"), "POST /build"));
        assertEquals("Dockerfile:3: COPY failed", line.get("error"));
        assertEquals(Map.of("message", "Dockerfile:3: COPY failed", "kind", "build_failed"), line.get("errorDetail"));
    }

    /**
     * A refusal that comes before the upload does not break the client's pipe: the body is read and
     * dropped first (as Go's server does), so the client finishes sending and reads why it was refused.
     */
    @Test
    void anUploadRefusedBeforeItsBodyArrivesStillReachesItsAnswer() throws Exception {
        byte[] body = new byte[200 * 1024];
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap(("PUT /refuse-upload HTTP/1.1\r\nHost: cairn\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            Thread.sleep(300); // the handler refuses while the body is still on its way
            ByteBuffer b = ByteBuffer.wrap(body);
            while (b.hasRemaining()) {
                c.write(b); // EPIPE here if the server answered and closed without reading
            }
            String answer = new String(java.nio.channels.Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("400", answer.substring(9, 12), answer);
            assertTrue(answer.contains("no upload here"), answer);
        }
    }

    /** A stream that fails after its 200 went out ends with Docker's error line, never a bare JSON error body. */
    @Test
    void aStreamThatFailsAfterItsStatusEndsWithDockersErrorLine() throws Exception {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap(("GET /stream-then-fail HTTP/1.1\r\nHost: cairn\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII)));
            String answer = new String(java.nio.channels.Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
            assertEquals("200", answer.substring(9, 12), answer);
            List<JsonNode> lines = new ArrayList<>();
            for (String l : answer.substring(answer.indexOf("\r\n\r\n") + 4).split("\r?\n")) {
                if (l.startsWith("{")) {
                    lines.add(JSON.readTree(l));
                }
            }
            assertEquals(2, lines.size(), answer);
            assertEquals(1, lines.get(0).path("n").asInt());
            assertEquals("GET /stream-then-fail: reading the journal: EIO", lines.get(1).path("error").asText(), answer);
            assertEquals("engine_failure", lines.get(1).path("errorDetail").path("kind").asText(), answer);
        }
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static Answer get(String path) throws IOException {
        return request("GET", path);
    }

    private static Answer request(String method, String path) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap((method + " " + path + " HTTP/1.1\r\nHost: cairn\r\nContent-Length: 0\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
            String answer = new String(java.nio.channels.Channels.newInputStream(c).readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
            return new Answer(status, JSON.readTree(body));
        }
    }
}
