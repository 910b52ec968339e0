package io.cairn.cli.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.cli.it.Cairn;
import io.cairn.cli.it.Exec;
import io.cairn.cli.it.Scratch;
import io.cairn.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertTrue(push.err().contains("unauthorized") || push.err().contains("denied"), push.toString());
        assertTrue(issuer.count(READER, "repository:tok/readers-own:pull,push") >= 1, issuer.issued().toString());
        assertFalse(registry.requests().stream().anyMatch(r -> r.method().equals("PUT")
                && r.path().contains("/tok/readers-own/manifests/") && r.status() / 100 == 2), "nothing was pushed");
    }

    @Test
    @Order(3)
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
