package io.cairn.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import io.cairn.it.Scratch;
import io.cairn.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code cairn pull} from Debian's docker-registry, filled by skopeo from a layout the test writes:
 * Docker schema 2 with gzip layers and OCI with zstd layers pull, verify and run; layers already
 * present are not downloaded again (the registry's access log counts the blob GETs); a multi-arch
 * index gives the host's platform, or the one asked; an unknown tag or platform is a clear error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PullIT {

    private Path work;
    private LoopbackRegistry registry;
    private Cairn cairn;
    private OciLayout.Image amd64;
    private OciLayout.Image arm64;

    @BeforeAll
    void setUp() throws Exception {
        Tools.require("skopeo", "apt-get install -y skopeo");
        work = Files.createTempDirectory(Path.of("/tmp"), "cairn-pull-");
        registry = LoopbackRegistry.start(work.resolve("registry"));
        cairn = new Cairn(work.resolve("root"));
        Path busybox = work.resolve("busybox.tar");
        Exec.run(List.of("bash", Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(), busybox.toString())).ok();
        OciLayout layout = new OciLayout(work.resolve("layout"));
        List<byte[]> layers = List.of(Files.readAllBytes(busybox), OciLayout.tarOf("etc/greeting", "hello from the registry\n"));
        amd64 = layout.image(layers, hostArch(), List.of("/bin/cat", "/etc/greeting"), "host");
        arm64 = layout.image(layers, hostArch().equals("arm64") ? "amd64" : "arm64", List.of("/bin/true"), "other");
        layout.ref("single", amd64.manifest());
        layout.ref("multi", layout.index(List.of(arm64, amd64)));
        String dir = layout.dir().toString();
        skopeo("copy", "--format", "v2s2", "oci:" + dir + ":single", "docker://" + registry.host() + "/two:v2s2");
        skopeo("copy", "--format", "oci", "--dest-compress-format", "zstd", "oci:" + dir + ":single",
                "docker://" + registry.host() + "/two:zstd");
        skopeo("copy", "--format", "v2s2", "oci:" + dir + ":single", "docker://" + registry.host() + "/two:auto");
        skopeo("copy", "--format", "oci", "oci:" + dir + ":single", "docker://" + registry.host() + "/two:build");
        skopeo("copy", "--all", "oci:" + dir + ":multi", "docker://" + registry.host() + "/multi:1");
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
    void pullsSchema2GzipRunsItThenOciZstdFetchesOnlyTheConfig() throws Exception {
        // a root of its own: the other tests pull the same layers
        try (Cairn fresh = new Cairn(work.resolve("root-fresh"))) {
            pullTwice(fresh);
        }
    }

    private void pullTwice(Cairn cairn) throws Exception {
        String ref = registry.host() + "/two:v2s2";
        int before = registry.requests().size();
        Exec.Result pulled = cairn.run("pull", ref).ok();
        assertTrue(pulled.out().contains("Pull complete"), pulled.toString());
        assertTrue(pulled.out().trim().endsWith(ref), pulled.toString());
        assertEquals(3, registry.blobGets(before), "config and two layers: " + registry.requests());
        assertEquals(amd64.config().digest(), id(cairn, ref), "the image ID is the config digest");
        Exec.Result run = cairn.run("run", "--rm", ref).ok();
        assertEquals("hello from the registry\n", run.out());

        String zstd = registry.host() + "/two:zstd";
        before = registry.requests().size();
        Exec.Result again = cairn.run("pull", zstd).ok();
        assertTrue(again.out().contains("Already exists"), again.toString());
        assertEquals(1, registry.blobGets(before), "only the config: " + registry.requests());
        assertEquals(amd64.config().digest(), id(cairn, zstd));

        Exec.Result events = cairn.run("events", "--since", "0", "--until", "0s", "--filter", "type=image").ok();
        assertTrue(events.out().contains("image pull " + ref + " (digest=sha256:"), events.toString());
        assertTrue(events.out().contains("registry=" + registry.host()), events.toString());
    }

    @Test
    void anIndexGivesTheHostPlatformOrTheOneAsked() throws Exception {
        String ref = registry.host() + "/multi:1";
        cairn.run("pull", ref).ok();
        assertEquals(amd64.config().digest(), id(ref));
        String other = arm64.architecture();
        Exec.Result asked = cairn.run("pull", "--platform", "linux/" + other, ref).ok();
        assertTrue(asked.out().contains("Downloaded newer image"), asked.toString());
        assertEquals(arm64.config().digest(), id(ref));
        Exec.Result none = cairn.run("pull", "--platform", "linux/s390x", ref);
        assertNotEquals(0, none.exit());
        assertTrue(none.err().contains("no matching manifest for linux/s390x"), none.toString());
    }

    /** On a terminal each layer keeps one line, redrawn with its state (the docker CLI's display); piped, plain lines. */
    @Test
    void onATerminalEveryLayerHasALineRedrawnInPlace() throws Exception {
        // a layer no other test has: this pull downloads it
        String ref = registry.host() + "/tty:1";
        Path context = Files.createDirectories(work.resolve("tty-context"));
        byte[] unique = new byte[2 << 20];
        new java.util.Random().nextBytes(unique);
        Files.write(context.resolve("payload"), unique);
        Files.writeString(context.resolve("Dockerfile"), "FROM scratch\nCOPY payload /payload\n");
        cairn.run("build", "-q", "-t", ref, context.toString()).ok();
        cairn.run("push", ref).ok();
        cairn.run("rmi", ref).ok();
        cairn.run("builder", "prune", "-a", "-f").ok();

        Path script = Tools.require("script", "apt-get install -y bsdutils");
        String pull = String.join(" ", cairn.command("pull", ref));
        Exec.Result shown = Exec.run(List.of(script.toString(), "-qec", "env TERM=xterm " + pull, "/dev/null"));
        assertEquals(0, shown.exit(), shown.toString());
        String out = shown.out();
        assertTrue(out.contains("\033[2K\r") && out.contains("\033[1A") && out.contains("\033[1B"),
                "the cursor moves to the layer's line and back: " + out.replace("\033", "ESC"));
        assertTrue(out.contains(": Pull complete\r"), out.replace("\033", "ESC"));
        assertTrue(out.strip().endsWith(ref), out);

        cairn.run("rmi", ref).ok();
        cairn.run("builder", "prune", "-a", "-f").ok();
        Exec.Result piped = cairn.run("pull", ref).ok();
        assertTrue(!piped.out().contains("\033") && piped.out().contains(": Pull complete\n"), piped.out());
        assertTrue(!piped.out().contains("Downloading ["), "no byte counts without a terminal: " + piped.out());
    }

    @Test
    void anUnknownTagIsNotFoundAndIndexesNothing() throws Exception {
        Exec.Result missing = cairn.run("pull", registry.host() + "/two:nope");
        assertEquals(1, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("manifest unknown"), missing.toString());
        Exec.Result unreachable = cairn.run("pull", "127.0.0.1:1/x:1");
        assertEquals(1, unreachable.exit(), unreachable.toString());
        assertTrue(unreachable.err().contains("cannot reach registry 127.0.0.1:1"), unreachable.toString());
    }

    @Test
    void runPullsAMissingImageUnlessToldNever() throws Exception {
        String ref = registry.host() + "/two:auto";
        Exec.Result never = cairn.run("run", "--rm", "--pull", "never", ref);
        assertEquals(1, never.exit(), never.toString());
        assertTrue(never.err().contains("No such image"), never.toString());
        Exec.Result run = cairn.run("run", "--rm", ref).ok();
        assertEquals("hello from the registry\n", run.out());
        assertTrue(run.err().contains("Unable to find image '" + ref + "' locally"), run.toString());
        Exec.Result bad = cairn.run("create", "--pull", "sometimes", ref);
        assertEquals(125, bad.exit(), bad.toString());
    }

    @Test
    void buildPullsAMissingFromImage() throws Exception {
        Path context = Files.createDirectories(work.resolve("context"));
        Files.writeString(context.resolve("Dockerfile"), "FROM " + registry.host() + "/two:build\n"
                + "RUN cp /etc/greeting /copied\nCMD [\"/bin/cat\", \"/copied\"]\n");
        cairn.run("build", "-t", "built-on-pulled", context.toString()).ok();
        assertEquals("hello from the registry\n", cairn.run("run", "--rm", "built-on-pulled").ok().out());
    }

    private String id(String ref) throws Exception {
        return id(cairn, ref);
    }

    private static String id(Cairn cairn, String ref) throws Exception {
        return OciLayout.JSON.readTree(cairn.run("image", "inspect", ref).ok().out()).path(0).path("Id").asText();
    }

    private static void skopeo(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("skopeo", "--insecure-policy"));
        cmd.add(args[0]);
        cmd.add("--dest-tls-verify=false");
        cmd.addAll(List.of(args).subList(1, args.length));
        Exec.run(cmd).ok();
    }

    static String hostArch() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> System.getProperty("os.arch");
        };
    }
}
