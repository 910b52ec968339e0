package io.cairn.engine.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cairn.api.InvalidArgumentException;
import io.cairn.storage.digest.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bearer-token flow against a registry and token server in this process: the challenge sends
 * the client to the realm with its basic credentials and the repository's scope, the token is
 * cached for the next requests, refused credentials are "unauthorized"; and the parts that judge a
 * registry's answers (challenge parsing, redirect policy, the verifying stream).
 */
class RegistryClientTest {

    private static final byte[] MANIFEST = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BLOB = "layer bytes".getBytes(StandardCharsets.UTF_8);

    private HttpServer server;
    private String host;
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private volatile String lastScope;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        host = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::registry);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void token(HttpExchange x) throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString("alice:pw".getBytes(StandardCharsets.UTF_8));
        String query = x.getRequestURI().getRawQuery();
        lastScope = query;
        if (!expected.equals(auth)) {
            send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        tokensIssued.incrementAndGet();
        send(x, 200, "{\"token\":\"T1\",\"expires_in\":300}".getBytes(StandardCharsets.UTF_8));
    }

    private void registry(HttpExchange x) throws IOException {
        if (!"Bearer T1".equals(x.getRequestHeaders().getFirst("Authorization"))) {
            x.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"http://" + host
                    + "/token\",service=\"test registry\",scope=\"repository:app:pull\"");
            send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = x.getRequestURI().getPath();
        if (path.equals("/v2/app/manifests/1")) {
            x.getResponseHeaders().set("Content-Type", "application/vnd.oci.image.manifest.v1+json");
            send(x, 200, MANIFEST);
        } else if (path.equals("/v2/app/blobs/" + Digest.sha256(BLOB))) {
            send(x, 200, BLOB);
        } else {
            send(x, 200, "{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void send(HttpExchange x, int status, byte[] body) throws IOException {
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private RegistryClient client() {
        return new RegistryClient(new RegistryConfig(Set.of(), List.of(), Path.of("/nonexistent-certs.d"),
                RegistryConfig.Limits.DEFAULT));
    }

    @Test
    void aBearerChallengeGetsAScopedTokenOnceAndItServesTheNextRequests() throws IOException {
        Repository repo = client().repository(host, "app", new Credentials("alice", "pw", ""), false);
        Repository.Fetched manifest = repo.manifest("1");
        assertArrayEquals(MANIFEST, manifest.bytes());
        assertEquals(Digest.sha256(MANIFEST), manifest.digest());
        try (InputStream in = repo.blob(Digest.sha256(BLOB), BLOB.length, "layer")) {
            assertArrayEquals(BLOB, in.readAllBytes());
        }
        assertEquals(1, tokensIssued.get(), "the token is cached");
        assertTrue(lastScope.contains("scope=repository%3Aapp%3Apull"), lastScope);
        assertTrue(lastScope.contains("service=test+registry"), lastScope);
    }

    @Test
    void refusedCredentialsAreUnauthorized() {
        Repository repo = client().repository(host, "app", new Credentials("alice", "wrong", ""), false);
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> repo.manifest("1"));
        assertTrue(e.getMessage().startsWith("unauthorized"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong"), "the password is not in the message");
        assertThrows(InvalidArgumentException.class, () -> client().login(host, new Credentials("alice", "wrong", "")));
        client().login(host, new Credentials("alice", "pw", ""));
    }

    @Test
    void challengesParseWithQuotedCommasAndSeveralSchemes() {
        List<Challenge> all = Challenge.parse("Basic realm=\"a, b\", Bearer realm=\"https://auth/t\",service=reg,"
                + "scope=\"repository:x:pull,push\"");
        assertEquals(2, all.size());
        assertEquals("a, b", all.get(0).param("realm"));
        assertEquals("repository:x:pull,push", all.get(1).param("scope"));
        assertEquals("bearer", Challenge.pick(List.of("Basic realm=\"r\"", "Bearer realm=\"t\"")).orElseThrow().scheme());
    }

    @Test
    void redirectsStayOnTheHostGoToHttpsOrLoopbackToLoopback() {
        URI from = URI.create("http://127.0.0.1:5000/v2/x/blobs/sha256:1");
        assertTrue(RedirectPolicy.allowed(from, URI.create("http://127.0.0.1:5000/other")));
        assertTrue(RedirectPolicy.allowed(from, URI.create("https://storage.example/blob")));
        assertTrue(RedirectPolicy.allowed(from, URI.create("http://localhost:9000/blob")));
        assertFalse(RedirectPolicy.allowed(from, URI.create("http://10.0.0.1/blob")));
        assertFalse(RedirectPolicy.allowed(URI.create("http://registry.example/v2/"), URI.create("http://127.0.0.1/")));
        assertFalse(RedirectPolicy.allowed(from, URI.create("file:///etc/passwd")));
    }

    @Test
    void theVerifyingStreamRefusesWrongDigestsShortAndLongBlobs() {
        Digest digest = Digest.sha256(BLOB);
        byte[] changed = BLOB.clone();
        changed[0] ^= 1;
        assertMismatch(changed, digest, BLOB.length, "does not match its digest");
        assertMismatch(java.util.Arrays.copyOf(BLOB, 4), digest, BLOB.length, "is truncated: got 4 of");
        assertMismatch(java.util.Arrays.copyOf(BLOB, BLOB.length + 1), digest, BLOB.length, "larger than its declared size");
    }

    private static void assertMismatch(byte[] sent, Digest digest, long size, String message) {
        VerifiedStream.Mismatch e = assertThrows(VerifiedStream.Mismatch.class, () -> {
            try (InputStream in = new VerifiedStream(new ByteArrayInputStream(sent), digest, size, "blob")) {
                in.readAllBytes();
            }
        });
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void theRegistryAuthHeaderDecodesAndHidesItsSecrets() {
        String header = Base64.getUrlEncoder().encodeToString(
                "{\"username\":\"bob\",\"password\":\"pw\",\"serveraddress\":\"h\"}".getBytes(StandardCharsets.UTF_8));
        Credentials c = Credentials.fromHeader(header);
        assertEquals("bob", c.username());
        assertEquals("pw", c.password());
        assertFalse(c.toString().contains("pw"));
        assertTrue(Credentials.fromHeader("").anonymous());
        assertTrue(Credentials.fromHeader(Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8))).anonymous());
        assertThrows(InvalidArgumentException.class, () -> Credentials.fromHeader("%%%"));
    }
}
