package io.cairn.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import io.cairn.it.Scratch;
import io.cairn.testing.Tools;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * docker-registry in its {@code token} auth mode, with a token server the test runs
 * ({@link TokenIssuer}): the registry trusts JWTs signed by a key whose certificate is its
 * {@code rootcertbundle}. Shows the daemon's bearer flow against a real registry: {@code cairn
 * login} checks the credentials at the token server, push and pull ask a token per repository
 * (scope {@code repository:NAME:pull[,push]}), a token is reused until it expires, a user the
 * issuer grants only {@code pull} cannot push, a build's {@code FROM} is pulled with the client's
 * credentials ({@code X-Registry-Config}), and neither password nor token reaches the journal, the
 * events or the daemon's log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenAuthIT {

    private static final String WRITER = "alice";
    private static final String WRITER_PASSWORD = "w-s3cret-pw";
    private static final String READER = "reader";
    private static final String READER_PASSWORD = "r-s3cret-pw";

    private Path work;
    private TokenIssuer issuer;
    private LoopbackRegistry registry;
    private Cairn cairn;
    private Path busybox;

    @BeforeAll
    void setUp() throws Exception {
        Tools.require("openssl", "apt-get install -y openssl");
        work = Files.createTempDirectory(Path.of("/tmp"), "cairn-token-");
        Path keys = Files.createDirectories(work.resolve("keys"));
        Exec.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=cairn test token issuer", "-keyout", keys.resolve("token.key").toString(),
                "-out", keys.resolve("token.crt").toString())).ok();
        issuer = TokenIssuer.start(keys.resolve("token.key"), keys.resolve("token.crt"), WRITER, WRITER_PASSWORD,
                READER, READER_PASSWORD);
        registry = LoopbackRegistry.start(work.resolve("registry"), """
                auth:
                  token:
                    realm: %s
                    service: %s
                    issuer: %s
                    rootcertbundle: %s
                """.formatted(issuer.realm(), TokenIssuer.SERVICE, TokenIssuer.ISSUER, keys.resolve("token.crt")), "");
        cairn = new Cairn(work.resolve("root"));
        cairn.startDaemon();
        busybox = work.resolve("busybox.tar");
        Exec.run(List.of("bash", Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(), busybox.toString())).ok();
    }

    @AfterAll
    void tearDown() throws Exception {
        try (Cairn c = cairn; LoopbackRegistry r = registry; TokenIssuer i = issuer) {
            // all stop, each even if another fails
        } finally {
            if (work != null) {
                Scratch.delete(work);
            }
        }
    }

    @Test
    @Order(1)
    void loginThenPushAndPullWithTokensPerRepositoryReusedUntilTheyExpire() throws Exception {
        Map<String, String> alice = config("alice");
        String one = registry.host() + "/tok/one:1";
        String two = registry.host() + "/tok/two:1";
        cairn.run("import", busybox.toString(), one).ok();
        cairn.run("tag", one, two).ok();

        Exec.Result anonymous = cairn.run(alice, (Path) null, "push", one);
        assertEquals(1, anonymous.exit(), anonymous.toString());
        assertTrue(anonymous.err().contains("unauthorized"), anonymous.toString());

        Exec.Result refused = login(alice, WRITER, "not-it");
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("unauthorized"), refused.toString());
        assertFalse(Files.exists(Path.of(alice.get("DOCKER_CONFIG"), "config.json")), "nothing stored after a refused login");
        assertEquals(1, issuer.issued().stream().filter(i -> i.user().equals("!" + WRITER)).count(), issuer.issued().toString());

        Exec.Result login = login(alice, WRITER, WRITER_PASSWORD);
        assertEquals(0, login.exit(), login.toString());
        assertTrue(login.out().contains("Login Succeeded"), login.toString());
        assertEquals(1, issuer.issued().stream().filter(i -> i.user().equals(WRITER) && i.scopes().isEmpty()).count(),
                "login asks the token server once, for no scope: " + issuer.issued());

        pushed(cairn.run(alice, (Path) null, "push", one));
        // the second repository gets its own token; the mount asks for pull rights on the first as well
        Exec.Result second = cairn.run(alice, (Path) null, "push", two);
        pushed(second);
        assertTrue(second.out().contains("Mounted from tok/one"), second.toString());
        assertEquals(1, issuer.count(WRITER, List.of("repository:tok/two:pull,push", "repository:tok/one:pull")),
                issuer.issued().toString());
        assertEquals(1, issuer.count(WRITER, "repository:tok/one:pull,push"), issuer.issued().toString());
        assertTrue(issuer.count(WRITER, "repository:tok/two:pull,push") >= 1, issuer.issued().toString());

        cairn.run("rmi", one, two).ok();
        cairn.run(alice, (Path) null, "pull", one).ok();
        cairn.run("rmi", one).ok();
        cairn.run(alice, (Path) null, "pull", one).ok();
        assertEquals(1, issuer.count(WRITER, "repository:tok/one:pull"),
                "the second pull reuses the first's token: " + issuer.issued());
        assertEquals(0, issuer.count(WRITER, "repository:tok/two:pull"), issuer.issued().toString());
        assertEquals("hello\n", cairn.run("run", "--rm", one, "echo", "hello").ok().out());
    }

    @Test
    @Order(2)
    void aReaderPullsButItsPushIsRefused() throws Exception {
        Map<String, String> reader = config("reader");
        assertEquals(0, login(reader, READER, READER_PASSWORD).exit());
        String one = registry.host() + "/tok/one:1";
        cairn.run("rmi", "-f", one);
        cairn.run(reader, (Path) null, "pull", one).ok();
        assertEquals(1, issuer.count(READER, "repository:tok/one:pull"), issuer.issued().toString());

        String mine = registry.host() + "/tok/readers-own:1";
        cairn.run("tag", one, mine).ok();
        Exec.Result push = cairn.run(reader, (Path) null, "push", mine);
        assertEquals(1, push.exit(), push.toString());
        // the scope is the registry's own challenge, whose actions come in no fixed order (a Go map)
        assertTrue(push.err().contains("unauthorized") && java.util.regex.Pattern.compile("access denied: the token server did not grant "
                + READER + " repository:tok/readers-own:(pull,push|push,pull)").matcher(push.err()).find(), push.toString());
        assertTrue(issuer.count(READER, "repository:tok/readers-own:pull,push") >= 1, issuer.issued().toString());
        assertFalse(registry.requests().stream().anyMatch(r -> r.method().equals("PUT")
                && r.path().contains("/tok/readers-own/manifests/") && r.status() / 100 == 2), "nothing was pushed");
    }

    @Test
    @Order(3)
    void aBuildPullsItsFromImageWithTheClientsCredentials() throws Exception {
        String base = registry.host() + "/tok/one:1";
        cairn.run("rmi", "-f", base); // absent already is fine: the build must pull it
        Path context = Files.createDirectories(work.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nRUN echo built on a private base > /built\n"
                + "CMD [\"cat\", \"/built\"]\n");

        Exec.Result refused = cairn.run(config("nobody"), (Path) null, "build", "-t", "from-private", context.toString());
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("pulling base image " + base) && refused.err().contains("unauthorized")
                && refused.err().contains("cairn login " + registry.host()), refused.toString());

        // the docker CLI's file, with the credentials of another registry too: all of them are sent
        Map<String, String> alice = config("alice");
        Path file = Path.of(alice.get("DOCKER_CONFIG"), "config.json");
        var stored = (com.fasterxml.jackson.databind.node.ObjectNode) OciLayout.JSON.readTree(file.toFile());
        stored.with("auths").putObject("other.example:5000").put("auth",
                Base64.getEncoder().encodeToString("someone:else".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(file, stored.toString());
        Exec.Result built = cairn.run(alice, (Path) null, "build", "-t", "from-private", context.toString());
        assertEquals(0, built.exit(), built + "\nregistry log:\n" + registry.log());
        assertEquals("built on a private base\n", cairn.run("run", "--rm", "from-private").ok().out());
        assertTrue(issuer.issued().stream().anyMatch(i -> i.user().equals(WRITER)
                && i.scopes().equals(List.of("repository:tok/one:pull"))), issuer.issued().toString());
        assertTrue(cairn.run("journal", "dump").ok().out().contains("from-private"), "the build is journaled");
    }

    @Test
    @Order(3)
    void aMalformedRegistryConfigIsRefusedWithA400() throws Exception {
        for (String bad : List.of("%%%", Base64.getUrlEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8)),
                "A".repeat(60_000))) {
            String answer = rawBuild(bad);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("X-Registry-Config: "), answer);
        }
    }

    /** {@code POST /build} with this {@code X-Registry-Config}, on the daemon's socket: the whole answer. */
    private String rawBuild(String registryConfig) throws Exception {
        byte[] dockerfile = "FROM scratch\n".getBytes(StandardCharsets.UTF_8);
        String head = "POST /build?dockerfile=Dockerfile HTTP/1.1\r\nHost: cairn\r\nConnection: close\r\n"
                + "X-Registry-Config: " + registryConfig + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + dockerfile.length + "\r\n\r\n";
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(cairn.root().resolve("cairn.sock")))) {
            channel.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            channel.write(ByteBuffer.wrap(dockerfile));
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @Order(4)
    void neitherPasswordNorTokenReachesTheJournalTheEventsOrTheLog() throws Exception {
        String seen = cairn.run("journal", "dump").ok().out() + Files.readString(cairn.root().resolve("daemon.log"))
                + cairn.run("events", "--since", "1h", "--until", String.valueOf(java.time.Instant.now().getEpochSecond() + 1))
                .ok().out();
        assertFalse(issuer.issued().isEmpty());
        for (String secret : List.of(WRITER_PASSWORD, READER_PASSWORD, "not-it")) {
            assertFalse(seen.contains(secret), "a password in the journal, the events or the log");
        }
        for (TokenIssuer.Issued i : issuer.issued()) {
            if (!i.token().isEmpty()) {
                assertFalse(seen.contains(i.token().substring(i.token().lastIndexOf('.') + 1)),
                        "a token in the journal, the events or the log");
            }
        }
    }

    private void pushed(Exec.Result push) throws Exception {
        assertEquals(0, push.exit(), push + "\nregistry log:\n" + registry.log());
    }

    private Exec.Result login(Map<String, String> env, String user, String password) throws Exception {
        Path stdin = Files.writeString(work.resolve("password-" + user), password + "\n");
        return cairn.run(env, stdin, "login", "-u", user, "--password-stdin", registry.host());
    }

    /** A {@code DOCKER_CONFIG} directory of its own for one client. */
    private Map<String, String> config(String name) throws Exception {
        return Map.of("DOCKER_CONFIG", Files.createDirectories(work.resolve("docker-config-" + name)).toString());
    }
}
