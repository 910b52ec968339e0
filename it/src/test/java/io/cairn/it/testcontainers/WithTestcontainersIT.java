package io.cairn.it.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.BusyboxImage;
import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import io.cairn.it.Scratch;
import io.cairn.it.registry.LoopbackRegistry;
import java.io.ByteArrayOutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * Testcontainers 2.0 drives a Cairn daemon as it drives dockerd (issue 15): a container from a
 * preloaded image with a published port and a log-message wait, exec and file copies, a network
 * where one container reaches another by alias, and a container that bind-mounts the API socket and
 * does from inside what Testcontainers' reaper does (find the session's containers by label, remove
 * them). The reaper itself is off (its image cannot be pulled offline); every test closes what it
 * started, and {@link #tearDown()} checks nothing is left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WithTestcontainersIT {

    private static final String IMAGE = "tc-busybox:1";

    private Path work;
    private Cairn cairn;
    private Path socket;
    private Path unixcat;
    private String networksBefore = "";

    @BeforeAll
    void setUp() throws Exception {
        work = Files.createTempDirectory(Path.of("/tmp"), "cairn-tc-");
        cairn = Cairn.withDefaultBridge();
        cairn.startDaemon();
        socket = cairn.root().resolve("cairn.sock");
        BusyboxImage.importAs(cairn, IMAGE);
        networksBefore = cairn.run("network", "ls", "-q").ok().out();
        unixcat = UnixCat.build(work);
        TestcontainersSettings.pointAt(socket, work.resolve("home"));
    }

    @AfterAll
    void tearDown() throws Exception {
        String leftContainers = "";
        String networksAfter = networksBefore;
        try (Cairn c = cairn) {
            if (c != null) {
                // whatever a failed test left is removed before the daemon stops (its containers would
                // outlive it), then reported
                leftContainers = c.run("ps", "-aq").ok().out();
                for (String id : leftContainers.lines().toList()) {
                    c.run("rm", "-f", "-v", id);
                }
                networksAfter = c.run("network", "ls", "-q").ok().out();
                for (String id : networksAfter.lines().filter(n -> !networksBefore.contains(n)).toList()) {
                    c.run("network", "rm", id);
                }
            }
        } finally {
            if (work != null) {
                Scratch.delete(work);
            }
        }
        assertEquals("", leftContainers, "every container was removed by the tests");
        assertEquals(networksBefore, networksAfter, "every network was removed by the tests");
    }

    /** A container of the preloaded image that Testcontainers never tries to pull (no registry is reachable). */
    private static GenericContainer<?> busybox() {
        return new GenericContainer<>(DockerImageName.parse(IMAGE)).withImagePullPolicy(name -> false);
    }

    @Test
    void testcontainersTalksToCairnsSocket() {
        assertEquals(URI.create("unix://" + socket), DockerClientFactory.instance().getTransportConfig().getDockerHost());
        assertTrue(DockerClientFactory.instance().isDockerAvailable());
        assertEquals("linux", DockerClientFactory.instance().client().infoCmd().exec().getOsType());
    }

    @Test
    void aPublishedPortServesTheHostOnceTheLogSaysReady() throws Exception {
        try (GenericContainer<?> web = busybox()
                .withCommand("sh", "-c", "mkdir -p /www && echo hello from cairn > /www/index.html"
                        + " && echo server ready && exec httpd -f -p 80 -h /www")
                .withExposedPorts(80)
                .waitingFor(Wait.forLogMessage(".*server ready.*\\n", 1).withStartupTimeout(Duration.ofSeconds(60)))) {
            web.start();
            assertTrue(web.getLogs().contains("server ready"), web.getLogs());
            String url = "http://" + web.getHost() + ":" + web.getMappedPort(80) + "/";
            assertEquals("hello from cairn\n", get(url));
        }
    }

    @Test
    void theDefaultWaitForAnExposedPortChecksInsideAndOutside() throws Exception {
        // no waitingFor: Testcontainers' host-port wait runs its probe in the container (exec of
        // /proc/net/tcp, nc) and connects to the mapped port from here
        try (GenericContainer<?> web = busybox()
                .withCommand("sh", "-c", "mkdir -p /www && echo default wait > /www/index.html && exec httpd -f -p 8080 -h /www")
                .withExposedPorts(8080)) {
            web.start();
            assertEquals("default wait\n", get("http://" + web.getHost() + ":" + web.getMappedPort(8080) + "/"));
        }
    }

    @Test
    void execAndCopiesInBothDirections() throws Exception {
        Path hostFile = Files.writeString(work.resolve("greeting.txt"), "copied from the host\n");
        try (GenericContainer<?> box = busybox()
                .withCommand("sleep", "600")
                .withCopyToContainer(Transferable.of("before start\n"), "/etc/early.txt")) {
            box.start();
            box.copyFileToContainer(MountableFile.forHostPath(hostFile), "/tmp/greeting.txt");

            Container.ExecResult cat = box.execInContainer("cat", "/etc/early.txt", "/tmp/greeting.txt");
            assertEquals(0, cat.getExitCode(), cat.toString());
            assertEquals("before start\ncopied from the host\n", cat.getStdout());

            Container.ExecResult failing = box.execInContainer("sh", "-c", "echo to-stderr >&2; exit 3");
            assertEquals(3, failing.getExitCode(), failing.toString());
            assertEquals("to-stderr\n", failing.getStderr());

            String back = box.copyFileFromContainer("/tmp/greeting.txt",
                    in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("copied from the host\n", back);
        }
    }

    @Test
    void oneContainerReachesAnotherByItsNetworkAlias() throws Exception {
        try (Network network = Network.newNetwork();
                GenericContainer<?> server = busybox()
                        .withNetwork(network)
                        .withNetworkAliases("web", "www.internal")
                        .withCommand("sh", "-c", "mkdir -p /www && echo served by alias > /www/index.html"
                                + " && echo up && exec httpd -f -p 80 -h /www")
                        .waitingFor(Wait.forLogMessage("up\\n", 1));
                GenericContainer<?> client = busybox().withNetwork(network).withCommand("sleep", "600")) {
            server.start();
            client.start();
            for (String alias : List.of("web", "www.internal")) {
                // busybox-static's wget segfaults resolving a name (static glibc without NSS): its
                // nslookup asks the network's DNS server (aardvark-dns) itself, nc fetches the page
                Container.ExecResult fetched = client.execInContainer("sh", "-c", "for i in $(seq 50); do"
                        + " ip=$(nslookup \"$0\" 2>/dev/null | awk '/^Address/ && !/#53|:53/ {a=$2} END {print a}');"
                        + " [ -n \"$ip\" ] && printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 \"$ip\" 80 && exit 0;"
                        + " sleep 0.2; done; exit 1", alias);
                assertEquals(0, fetched.getExitCode(), alias + ": " + fetched);
                assertTrue(fetched.getStdout().matches("(?s)HTTP/1\\.[01] 200 .*"), alias + ": " + fetched);
                assertTrue(fetched.getStdout().endsWith("\r\n\r\nserved by alias\n"), alias + ": " + fetched);
            }
        }
    }

    @Test
    void aContainerWithTheSocketMountedUsesTheApiAsTheReaperDoes() throws Exception {
        try (GenericContainer<?> victim = busybox().withCommand("sleep", "600").withLabel("cairn.tc.victim", "yes");
                GenericContainer<?> reaper = busybox()
                        .withCommand("sleep", "600")
                        .withFileSystemBind(socket.toString(), "/var/run/docker.sock", BindMode.READ_WRITE)
                        .withCopyFileToContainer(MountableFile.forHostPath(unixcat, 0755), "/usr/local/bin/unixcat")) {
            victim.start();
            reaper.start();

            Container.ExecResult ping = api(reaper, "GET", "/_ping");
            assertTrue(ping.getStdout().startsWith("HTTP/1.1 200") || ping.getStdout().startsWith("HTTP/1.0 200"),
                    ping.toString());
            assertTrue(ping.getStdout().endsWith("OK"), ping.toString());

            String filter = "%7B%22label%22%3A%5B%22cairn.tc.victim%3Dyes%22%5D%7D";
            Container.ExecResult listed = api(reaper, "GET", "/containers/json?all=1&filters=" + filter);
            assertTrue(listed.getStdout().contains(victim.getContainerId()), listed.toString());
            assertTrue(!listed.getStdout().contains(reaper.getContainerId()), "the filter keeps the reaper out: " + listed);

            Container.ExecResult removed = api(reaper, "DELETE", "/containers/" + victim.getContainerId() + "?force=1&v=1");
            assertTrue(removed.getStdout().startsWith("HTTP/1.1 204") || removed.getStdout().startsWith("HTTP/1.0 204"),
                    removed.toString());
            Exec.Result ps = cairn.run("ps", "-aq", "--no-trunc");
            assertTrue(!ps.out().contains(victim.getContainerId()), "removed from inside: " + ps);
        }
    }

    @Test
    void anImageOnlyTheLoopbackRegistryHasIsPulledBeforeTheContainerStarts() throws Exception {
        try (LoopbackRegistry registry = LoopbackRegistry.start(work.resolve("registry"))) {
            String ref = registry.host() + "/tc/busybox:pulled";
            cairn.run("tag", IMAGE, ref).ok();
            cairn.run("push", ref).ok();
            cairn.run("rmi", ref).ok();
            int before = registry.requests().size();
            try {
                try (GenericContainer<?> pulled = new GenericContainer<>(DockerImageName.parse(ref))
                        .withCommand("sh", "-c", "echo pulled and running; exec sleep 600")
                        .waitingFor(Wait.forLogMessage("pulled and running\\n", 1))) {
                    pulled.start();
                    assertEquals(ref, pulled.getContainerInfo().getConfig().getImage());
                }
                assertTrue(registry.requests().stream().skip(before)
                        .anyMatch(r -> r.method().equals("GET") && r.path().endsWith("/manifests/pulled")),
                        "Testcontainers had Cairn pull the image: " + registry.requests());
            } finally {
                cairn.run("rmi", ref);
            }
        }
    }

    @Test
    void execStartWithoutAnUpgradeStreamsUntilTheConnectionClosesAsDockerdDoes() throws Exception {
        try (GenericContainer<?> box = busybox().withCommand("sleep", "600")) {
            box.start();
            String exec = DockerClientFactory.instance().client().execCreateCmd(box.getContainerId())
                    .withAttachStdout(true).withAttachStderr(true)
                    .withCmd("sh", "-c", "echo out; sleep 0.2; echo err >&2").exec().getId();
            String body = "{\"Detach\":false,\"Tty\":false}";
            String request = "POST /v1.32/exec/" + exec + "/start HTTP/1.1\r\nHost: docker\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                ch.connect(UnixDomainSocketAddress.of(socket));
                ch.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
                ByteBuffer buf = ByteBuffer.allocate(8192);
                while (ch.read(buf) >= 0) { // until the daemon closes: the stream has no other end
                    answer.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            }
            byte[] bytes = answer.toByteArray();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
            assertTrue(head.startsWith("http/1.1 200"), head);
            assertTrue(!head.contains("content-length") && !head.contains("transfer-encoding"),
                    "framed by the connection's end: " + head);
            List<String> frames = new ArrayList<>();
            for (int i = end + 4; i + 8 <= bytes.length;) {
                int size = ByteBuffer.wrap(bytes, i + 4, 4).getInt();
                frames.add(bytes[i] + ":" + new String(bytes, i + 8, size, StandardCharsets.UTF_8));
                i += 8 + size;
            }
            assertEquals(List.of("1:out\n", "2:err\n"), frames, text);
        }
    }

    /** {@code METHOD PATH} sent from inside {@code box} through the bind-mounted socket; the raw answer. */
    private static Container.ExecResult api(GenericContainer<?> box, String method, String path) throws Exception {
        Container.ExecResult r = box.execInContainer("sh", "-c",
                "printf '%s %s HTTP/1.0\\r\\nHost: docker\\r\\n\\r\\n' \"$0\" \"$1\" | unixcat /var/run/docker.sock",
                method, path);
        assertEquals(0, r.getExitCode(), r.toString());
        return r;
    }

    private static String get(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
