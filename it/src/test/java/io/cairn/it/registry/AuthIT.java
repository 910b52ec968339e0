package io.cairn.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import io.cairn.it.Scratch;
import io.cairn.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docker-registry with TLS (a CA and a certificate for 127.0.0.1 that the test makes with openssl)
 * and htpasswd basic auth: refused without login, {@code cairn login --password-stdin} checks the
 * credentials through the daemon ({@code POST /auth}) and stores them in {@code $DOCKER_CONFIG}
 * as the docker CLI does; push and pull then work over TLS, with the CA from the daemon's
 * {@code --registry-certs-dir}; a CA that did not sign the certificate is refused; logout forgets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthIT {

    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret-pw";

    private Path work;
    private LoopbackRegistry registry;
    private Cairn cairn;
    private Path dockerConfig;
    private Path busybox;

    @BeforeAll
    void setUp() throws Exception {
        Tools.require("openssl", "apt-get install -y openssl");
        Tools.require("python3", "apt-get install -y python3");
        work = Files.createTempDirectory(Path.of("/tmp"), "cairn-auth-");
        Path tls = Files.createDirectories(work.resolve("tls"));
        openssl(tls, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=cairn test CA",
                "-keyout", "ca.key", "-out", "ca.crt");
        openssl(tls, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key",
                "-out", "server.csr");
        Files.writeString(tls.resolve("ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
        openssl(tls, "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", "ext.cnf", "-out", "server.crt");
        openssl(tls, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=another CA",
                "-keyout", "other.key", "-out", "other.crt");
        String hash = Exec.run(List.of("python3", "-W", "ignore", "-c",
                "import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))",
                PASSWORD)).ok().out().trim();
        Files.writeString(work.resolve("htpasswd"), USER + ":" + hash + "\n");
        registry = LoopbackRegistry.start(work.resolve("registry"), """
                auth:
                  htpasswd:
                    realm: cairn-test
                    path: %s
                """.formatted(work.resolve("htpasswd")), """
                  tls:
                    certificate: %s
                    key: %s
                """.formatted(tls.resolve("server.crt"), tls.resolve("server.key")));
        Path certs = Files.createDirectories(work.resolve("certs.d/" + registry.host()));
        Files.copy(tls.resolve("ca.crt"), certs.resolve("ca.crt"));
        dockerConfig = Files.createDirectories(work.resolve("docker-config"));
        cairn = new Cairn(work.resolve("root"));
        cairn.startDaemon("--registry-certs-dir", work.resolve("certs.d").toString());
        busybox = work.resolve("busybox.tar");
        Exec.run(List.of("bash", Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(), busybox.toString())).ok();
    }

    @AfterAll
    void tearDown() throws Exception {
        try (Cairn c = cairn; LoopbackRegistry r = registry) {
            // both stop, each even if the other fails
        } finally {
            if (work != null) {
                Scratch.delete(work);
            }
        }
    }

    @Test
    void loginThenPushAndPullOverTlsThenLogout() throws Exception {
        String ref = registry.host() + "/secret:1";
        cairn.run("import", busybox.toString(), ref).ok();
        Exec.Result anonymous = run("push", ref);
        assertEquals(1, anonymous.exit(), anonymous.toString());
        assertTrue(anonymous.err().contains("unauthorized"), anonymous.toString());

        Path wrong = work.resolve("wrong-password");
        Files.writeString(wrong, "not-it\n");
        Exec.Result refused = cairn.run(env(), wrong, "login", "-u", USER, "--password-stdin", registry.host());
        assertEquals(1, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("unauthorized"), refused.toString());
        assertFalse(Files.exists(dockerConfig.resolve("config.json")), "nothing stored after a refused login");

        Path right = work.resolve("password");
        Files.writeString(right, PASSWORD + "\n");
        Exec.Result login = cairn.run(env(), right, "login", "-u", USER, "--password-stdin", registry.host());
        assertEquals(0, login.exit(), login.toString());
        assertTrue(login.out().contains("Login Succeeded"), login.toString());
        JsonNode config = OciLayout.JSON.readTree(dockerConfig.resolve("config.json").toFile());
        assertEquals(Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)),
                config.path("auths").path(registry.host()).path("auth").asText(), config.toString());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dockerConfig.resolve("config.json"))));

        run("push", ref).ok();
        cairn.run("rmi", ref).ok();
        run("pull", ref).ok();
        String journal = cairn.run("journal", "dump").out() + Files.readString(cairn.root().resolve("daemon.log"));
        assertFalse(journal.contains(PASSWORD), "the password is nowhere in the journal or the log");

        Exec.Result logout = run("logout", registry.host());
        assertTrue(logout.out().contains("Removing login credentials for " + registry.host()), logout.toString());
        cairn.run("rmi", ref).ok();
        Exec.Result after = run("pull", ref);
        assertEquals(1, after.exit(), after.toString());
        assertTrue(after.err().contains("unauthorized"), after.toString());
    }

    @Test
    void aCertificateTheConfiguredCaDidNotSignIsRefused() throws Exception {
        Path certs = Files.createDirectories(work.resolve("other-certs.d/" + registry.host()));
        Files.copy(work.resolve("tls/other.crt"), certs.resolve("ca.crt"));
        try (Cairn other = new Cairn(work.resolve("other-root"))) {
            other.startDaemon("--registry-certs-dir", work.resolve("other-certs.d").toString());
            Exec.Result pulled = other.run(env(), (Path) null, "pull", registry.host() + "/secret:1");
            assertEquals(1, pulled.exit(), pulled.toString());
            assertTrue(pulled.err().contains("cannot reach registry " + registry.host()), pulled.toString());
            assertTrue(pulled.err().toLowerCase().contains("certificat") || pulled.err().contains("PKIX"),
                    pulled.toString());
        }
    }

    private Map<String, String> env() {
        return Map.of("DOCKER_CONFIG", dockerConfig.toString());
    }

    private Exec.Result run(String... args) throws Exception {
        return cairn.run(env(), (Path) null, args);
    }

    private static void openssl(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("sh", "-c", "cd \"$0\" && exec openssl \"$@\"", dir.toString()));
        cmd.addAll(List.of(args));
        Exec.run(cmd).ok();
    }
}
