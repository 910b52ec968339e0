package io.cairn.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import io.cairn.it.Scratch;
import io.cairn.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code cairn push} to Debian's docker-registry, read back by another Cairn root, by skopeo and by
 * podman: the same config digest (image ID) everywhere, the image runs under podman; a second push
 * sends no blob (the registry's access log counts the uploads); a layer another repository of the
 * registry holds is mounted, not sent; zstd pushes an OCI manifest with zstd layers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushIT {

    private Path work;
    private LoopbackRegistry registry;
    private Cairn cairn;
    private String id;

    @BeforeAll
    void setUp() throws Exception {
        work = Files.createTempDirectory(Path.of("/tmp"), "cairn-push-");
        registry = LoopbackRegistry.start(work.resolve("registry"));
        cairn = new Cairn(work.resolve("root"));
        Path busybox = work.resolve("busybox.tar");
        Exec.run(List.of("bash", Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(), busybox.toString())).ok();
        cairn.run("import", busybox.toString(), "local-base:1").ok();
        Path context = Files.createDirectories(work.resolve("context"));
        Files.writeString(context.resolve("greeting"), "pushed by cairn\n");
        Files.writeString(context.resolve("Dockerfile"), "FROM local-base:1\nCOPY greeting /etc/greeting\n"
                + "CMD [\"/bin/cat\", \"/etc/greeting\"]\n");
        cairn.run("build", "-t", "app:1", context.toString()).ok();
        id = inspectId(cairn, "app:1");
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

    /** Docker's -a both ways: every local tag of the repository goes up, every listed tag comes down. */
    @Test
    void allTagsPushAndPullEveryTagOfTheRepository() throws Exception {
        String repo = registry.host() + "/every";
        cairn.run("tag", "app:1", repo + ":a").ok();
        cairn.run("tag", "local-base:1", repo + ":b").ok();
        Exec.Result tagged = cairn.run("push", "-a", repo + ":a");
        assertEquals(1, tagged.exit(), tagged.toString());
        assertTrue(tagged.err().contains("tag can't be used with --all-tags/-a"), tagged.toString());
        Exec.Result pushed = cairn.run("push", "-a", repo).ok();
        assertTrue(pushed.out().contains("a: digest: sha256:") && pushed.out().contains("b: digest: sha256:"),
                pushed.toString());
        try (Cairn other = new Cairn(work.resolve("all-tags-root"))) {
            Exec.Result pulled = other.run("pull", "-a", repo).ok();
            assertTrue(pulled.out().strip().endsWith(repo), "the repository, without a tag: " + pulled);
            assertEquals(id, inspectId(other, repo + ":a"));
            assertEquals(inspectId(cairn, "local-base:1"), inspectId(other, repo + ":b"));
            Exec.Result latest = other.run("pull", repo);
            assertEquals(1, latest.exit(), "no :latest in the repository: " + latest);
            assertTrue(latest.out().contains("Using default tag: latest"), latest.toString());
        }
    }

    @Test
    void pushedImagePullsIntoAnotherRootWithTheSameIdAndASecondPushSendsNoBlob() throws Exception {
        String ref = registry.host() + "/app:1";
        cairn.run("tag", "app:1", ref).ok();
        Exec.Result pushed = cairn.run("push", ref).ok();
        assertTrue(pushed.out().contains("Pushed"), pushed.toString());
        assertTrue(pushed.out().contains("1: digest: sha256:"), pushed.toString());

        int before = registry.requests().size();
        Exec.Result again = cairn.run("push", ref).ok();
        assertTrue(again.out().contains("Layer already exists"), again.toString());
        assertEquals(0, registry.blobUploads(before), "no blob sent the second time: " + registry.requests());

        try (Cairn other = new Cairn(work.resolve("other-root"))) {
            other.run("pull", ref).ok();
            assertEquals(id, inspectId(other, ref), "same image ID after the round trip");
            assertEquals("pushed by cairn\n", other.run("run", "--rm", ref).ok().out());
        }

        // another repository of the same registry: the layers are mounted, not sent
        String copy = registry.host() + "/copy:1";
        cairn.run("tag", "app:1", copy).ok();
        before = registry.requests().size();
        Exec.Result mounted = cairn.run("push", copy).ok();
        assertTrue(mounted.out().contains("Mounted from app"), mounted.toString());
        assertEquals(0, registry.requests().stream().skip(before)
                .filter(r -> r.method().equals("PATCH")).count(), "no layer bytes sent: " + registry.requests());
    }

    @Test
    void skopeoAndPodmanReadWhatCairnPushed() throws Exception {
        Tools.require("skopeo", "apt-get install -y skopeo");
        Tools.require("podman", "apt-get install -y podman");
        String ref = registry.host() + "/interop:1";
        cairn.run("tag", "app:1", ref).ok();
        cairn.run("push", ref).ok();
        // skopeo's dir: transport keeps the manifest and config as the registry has them, checking every digest
        Path dir = work.resolve("skopeo-dir");
        Exec.run(List.of("skopeo", "--insecure-policy", "copy", "--src-tls-verify=false", "docker://" + ref,
                "dir:" + dir)).ok();
        JsonNode manifest = OciLayout.JSON.readTree(dir.resolve("manifest.json").toFile());
        String configDigest = manifest.path("config").path("digest").asText();
        JsonNode config = OciLayout.JSON.readTree(dir.resolve(configDigest.substring("sha256:".length())).toFile());
        assertEquals(2, config.path("rootfs").path("diff_ids").size(), config.toString());
        assertEquals("application/vnd.docker.image.rootfs.diff.tar.gzip",
                manifest.path("layers").path(0).path("mediaType").asText());
        assertEquals(id, configDigest, "skopeo sees the same config digest");

        Path podman = Files.createTempDirectory(Path.of("/tmp"), "cairn-podman-");
        List<String> base = List.of("podman", "--root", podman.resolve("root").toString(), "--runroot",
                podman.resolve("runroot").toString(), "--tmpdir", podman.resolve("tmp").toString(),
                "--storage-driver", "overlay", "--runtime", "runc", "--cgroup-manager", "cgroupfs",
                "--events-backend", "file");
        try {
            Exec.run(cat(base, "pull", "--tls-verify=false", ref)).ok();
            assertEquals(id, "sha256:" + Exec.run(cat(base, "image", "inspect", "--format", "{{.Id}}", ref)).ok().out().trim());
            String nofile = Exec.run(List.of("sh", "-c", "ulimit -Hn")).ok().out().trim();
            Exec.Result ran = Exec.run(cat(base, "run", "--rm", "--network", "none", "--ulimit",
                    "nofile=" + nofile + ":" + nofile, "--ulimit", "nproc=32768:32768", ref)).ok();
            assertEquals("pushed by cairn\n", ran.out());
        } finally {
            Exec.run(cat(base, "rm", "-a", "-f"));
            Exec.run(cat(base, "rmi", "-a", "-f"));
            for (String m : Scratch.mountsUnder(podman).stream().map(Path::toString).sorted((a, b) -> b.length() - a.length()).toList()) {
                Exec.run(List.of("umount", "-l", m));
            }
            Scratch.delete(podman);
        }
    }

    @Test
    void zstdPushesAnOciManifestThatPullsBack() throws Exception {
        String ref = registry.host() + "/zstd:1";
        cairn.run("tag", "app:1", ref).ok();
        cairn.run("push", "--compression", "zstd", ref).ok();
        JsonNode manifest = OciLayout.JSON.readTree(Exec.run(List.of("skopeo", "inspect", "--tls-verify=false", "--raw",
                "docker://" + ref)).ok().out());
        assertEquals("application/vnd.oci.image.manifest.v1+json", manifest.path("mediaType").asText());
        assertEquals("application/vnd.oci.image.layer.v1.tar+zstd", manifest.path("layers").path(0).path("mediaType").asText());
        try (Cairn other = new Cairn(work.resolve("zstd-root"))) {
            other.run("pull", ref).ok();
            assertEquals(id, inspectId(other, ref));
        }
    }

    private static List<String> cat(List<String> base, String... more) {
        List<String> out = new ArrayList<>(base);
        out.addAll(List.of(more));
        return out;
    }

    private static String inspectId(Cairn cairn, String ref) throws Exception {
        return OciLayout.JSON.readTree(cairn.run("image", "inspect", ref).ok().out()).path(0).path("Id").asText();
    }
}
