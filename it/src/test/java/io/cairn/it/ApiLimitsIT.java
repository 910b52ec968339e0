package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The API's bounds against clients that hold streams open, stall or send too much (issue 10, A8 to
 * A10 and A17): followers never take the request threads, are capped with a 503, and free their slot
 * when their client goes; a stalled upload holds no lock; bodies read whole are limited (413); bad
 * query parameters are the client's error (400).
 */
class ApiLimitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Cairn cairn;
    private final List<RawHttp> connections = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        cairn = new Cairn();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            for (RawHttp c : connections) {
                c.close();
            }
        } finally {
            cairn.close();
        }
    }

    private Path socket() {
        return cairn.root().resolve("cairn.sock");
    }

    private RawHttp connect() throws IOException {
        RawHttp c = RawHttp.connect(socket());
        connections.add(c);
        return c;
    }

    private JsonNode info() throws Exception {
        String[] answer = RawHttp.exchange(socket(), "GET /info");
        assertEquals("200", answer[0], answer[1]);
        return JSON.readTree(answer[1]);
    }

    @Test
    void followersLeaveTheRequestThreadsFreeAreCappedAndAClosedOneFreesItsSlot() throws Exception {
        int max = 40; // more than the 32 threads of the daemon's request pool
        cairn.startDaemon("--max-followers", String.valueOf(max));
        List<RawHttp> followers = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            followers.add(connect().request("GET /events"));
        }
        for (RawHttp f : followers) {
            assertEquals(200, f.head().status(), "each follower's stream is open (its headers are sent at once)");
        }

        String[] ping = RawHttp.exchange(socket(), "GET /_ping");
        assertEquals("200", ping[0]);
        assertEquals("OK", ping[1], "/_ping answers with " + max + " followers open");

        RawHttp oneTooMany = connect().request("GET /events");
        RawHttp.Head refused = oneTooMany.head();
        assertEquals(503, refused.status());
        String message = JSON.readTree(oneTooMany.body(refused)).path("message").asText();
        assertTrue(message.contains("maximum of " + max + " concurrent followers") && message.contains("--max-followers"),
                message);

        JsonNode before = info();
        assertEquals(max, before.path("Followers").asInt());
        assertEquals(max, before.path("NEventsListener").asInt());
        assertEquals(max, before.path("MaxFollowers").asInt());

        // a client that closes its socket frees its slot, though no event is written to notice it by
        followers.remove(0).close();
        long deadline = System.currentTimeMillis() + RawHttp.DEADLINE_SECONDS * 1000;
        JsonNode after = info();
        while (after.path("Followers").asInt() != max - 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            after = info();
        }
        assertEquals(max - 1, after.path("Followers").asInt(), "the closed follower's slot is free");
        assertEquals(before.path("JournalIndex").asLong(), after.path("JournalIndex").asLong(),
                "no event was written meanwhile");
        assertEquals(200, connect().request("GET /events").head().status(), "the freed slot serves a new follower");
    }

    @Test
    void bodiesReadWholeAreLimitedWith413() throws Exception {
        cairn.startDaemon();
        int size = 20 * 1024 * 1024;
        // a declared length over the limit is refused before the body is read
        RawHttp declared = connect().request("POST /containers/create", "Content-Type: application/json",
                "Content-Length: " + size);
        sendInBackground(declared, jsonOf(size));
        RawHttp.Head head = declared.head();
        assertEquals(413, head.status());
        String message = JSON.readTree(declared.body(head)).path("message").asText();
        assertTrue(message.contains("container create") && message.contains("limit of 4194304 bytes"), message);

        // a chunked body (no length given) is refused once the limit is passed
        RawHttp chunked = connect().request("POST /volumes/create", "Content-Type: application/json",
                "Transfer-Encoding: chunked");
        byte[] json = jsonOf(size);
        sendInBackground(chunked, chunked(json));
        head = chunked.head();
        assertEquals(413, head.status());
        assertTrue(JSON.readTree(chunked.body(head)).path("message").asText().contains("volume create"));

        // and a Dockerfile sent as the build's body
        RawHttp build = connect().request("POST /build?t=big", "Content-Type: text/plain",
                "Content-Length: " + size);
        sendInBackground(build, new byte[size]);
        head = build.head();
        assertEquals(413, head.status());
        assertTrue(JSON.readTree(build.body(head)).path("message").asText().contains("Dockerfile"));

        assertEquals("200", RawHttp.exchange(socket(), "GET /_ping")[0], "the daemon is fine");
        assertEquals(0, info().path("Containers").asInt());
    }

    @Test
    void badTimesAndTailsInQueriesAre400() throws Exception {
        cairn.startDaemon();
        for (String query : List.of("GET /containers/any/logs?stdout=1&since=abc",
                "GET /containers/any/logs?stdout=1&until=1e999999", "GET /containers/any/logs?stdout=1&tail=-1",
                "GET /containers/any/logs?stdout=1&tail=x", "GET /events?since=abc", "GET /events?until=yesterday")) {
            String[] answer = RawHttp.exchange(socket(), query);
            assertEquals("400", answer[0], query + " -> " + answer[1]);
            assertFalse(JSON.readTree(answer[1]).path("message").asText().isEmpty(), answer[1]);
        }
        Exec.Result cli = cairn.run("logs", "--since", "abc", "x");
        assertEquals(125, cli.exit(), cli.toString()); // the CLI checks its flags before asking
    }

    @Test
    void aStalledUploadHoldsNoLockAndLeavesNothingWhenItsClientGoes() throws Exception {
        Path tar = cairn.root().resolveSibling(cairn.root().getFileName() + "-busybox.tar");
        Path saved = cairn.root().resolveSibling(cairn.root().getFileName() + "-saved.tar");
        try {
            Exec.Result made = Exec.run(List.of(Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(),
                    tar.toString()), Map.of());
            assertEquals(0, made.exit(), made.toString());
            cairn.run("import", tar.toString(), "bb").ok();
            cairn.run("save", "-o", saved.toString(), "bb").ok();
            Path tmp = cairn.root().resolve("tmp");

            // an import and a load that send half their body, then keep the connection alive a byte at a time
            byte[] rootfs = Files.readAllBytes(tar);
            byte[] archive = Files.readAllBytes(saved);
            RawHttp importer = connect().request("POST /images/create?fromSrc=-&repo=stalled",
                    "Content-Type: application/x-tar", "Content-Length: " + rootfs.length);
            RawHttp loader = connect().request("POST /images/load", "Content-Type: application/x-tar",
                    "Content-Length: " + archive.length);
            Thread trickle = trickle(importer, Arrays.copyOf(rootfs, rootfs.length / 2),
                    loader, Arrays.copyOf(archive, archive.length / 2));
            try {
                waitFor(() -> staged(tmp, "import-") && staged(tmp, "load-"), "both uploads are being received");
                assertEquals(2, info().path("Followers").asInt(), "the uploads run on follower threads, not request threads");

                cairn.run("tag", "bb", "other").ok();
                cairn.run("rmi", "other").ok();
                cairn.run("load", "-i", saved.toString()).ok();
                cairn.run("image", "prune", "-f").ok();
                assertTrue(trickle.isAlive() && staged(tmp, "import-") && staged(tmp, "load-"),
                        "the stalled uploads were still being received while rmi, load and prune completed");
            } finally {
                trickle.interrupt();
                trickle.join();
            }
            importer.close();
            loader.close();
            waitFor(() -> !staged(tmp, "import-") && !staged(tmp, "load-"), "the uploads' staging is removed");
            waitFor(() -> info().path("Followers").asInt() == 0, "the uploads' slots are free");
            try (Stream<Path> left = Files.list(tmp)) {
                assertEquals(List.of(), left.toList(), "nothing left in " + tmp);
            }
            assertFalse(cairn.run("images").out().contains("stalled"));
            cairn.run("image", "verify", "bb").ok();
        } finally {
            Files.deleteIfExists(tar);
            Files.deleteIfExists(saved);
        }
    }

    private static boolean staged(Path tmp, String prefix) {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
        } catch (IOException e) {
            return false;
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition c, String what) throws Exception {
        long deadline = System.currentTimeMillis() + RawHttp.DEADLINE_SECONDS * 1000;
        while (!c.holds()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not so after " + RawHttp.DEADLINE_SECONDS + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Sends each half body, then one more byte to each every 200 ms until interrupted. */
    private static Thread trickle(RawHttp a, byte[] aHalf, RawHttp b, byte[] bHalf) {
        Thread t = new Thread(() -> {
            try {
                a.send(aHalf);
                b.send(bHalf);
                for (int i = 0; i < 1024; i++) {
                    Thread.sleep(200);
                    a.send(new byte[1]);
                    b.send(new byte[1]);
                }
            } catch (InterruptedException | IOException ended) {
                // interrupted by the test, or the daemon ended the upload
            }
        }, "trickle");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static byte[] jsonOf(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        byte[] open = "{\"Image\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(open, 0, body, 0, open.length);
        body[size - 2] = '"';
        body[size - 1] = '}';
        return body;
    }

    private static byte[] chunked(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int chunk = 1024 * 1024;
        for (int i = 0; i < body.length; i += chunk) {
            int n = Math.min(chunk, body.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** The daemon may answer and close before reading all of it: a failed write is expected. */
    private static void sendInBackground(RawHttp c, byte[] body) {
        Thread t = new Thread(() -> {
            try {
                c.send(body);
            } catch (IOException refusedEarly) {
                // the 413 came first
            }
        }, "send-body");
        t.setDaemon(true);
        t.start();
    }
}
