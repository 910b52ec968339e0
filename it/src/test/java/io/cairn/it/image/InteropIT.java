package io.cairn.it.image;

import io.cairn.it.Scratch;
import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Cairn's archives against the tools of the containers ecosystem (Debian's podman, skopeo, umoci):
 * what {@code cairn save} writes is read by {@code skopeo} both as an oci-archive and as a
 * docker-archive, copied by {@code skopeo copy} (which checks every digest), unpacked by
 * {@code umoci}, loaded and run by {@code podman}; and what podman and skopeo write (an oci-archive
 * with gzip layers, podman's plain oci-archive, a docker-archive) loads into Cairn with the same
 * config digest (image ID) and diffIDs as the tools report for it.
 *
 * <p>One Cairn root and one private podman storage for the class, both removed afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteropIT {

    private static final String SAVED = "busybox:interop";
    private static final String BUILT = "localhost/interop-built:1";

    private Path work;
    private Path rootfs;
    private Cairn cairn;
    private Podman podman;
    /** What {@code cairn save} wrote for {@link #SAVED}. */
    private Path saved;
    private String savedId;
    private String savedDiffId;
    /** {@link #BUILT} as podman pushed it to an oci-archive with gzip layers. */
    private Path built;
    private String builtId;
    private List<String> builtDiffIds;

    @BeforeAll
    void setUp() throws Exception {
        work = Files.createTempDirectory(Path.of("/tmp"), "cairn-interop-");
        cairn = new Cairn(work.resolve("root"));
        podman = new Podman();
        rootfs = Fixtures.busyboxTar(work.resolve("busybox.tar"));

        savedId = cairn.run("import", rootfs.toString(), SAVED).ok().out().trim();
        savedDiffId = Fixtures.sha256(rootfs);
        saved = work.resolve("cairn-saved.tar");
        cairn.run("save", "-o", saved.toString(), SAVED).ok();

        // a two-layer image with a config of its own, made by podman: base from the same tarball
        podman.run("import", rootfs.toString(), "localhost/interop-base:1").ok();
        Path context = Files.createDirectories(work.resolve("context"));
        Files.writeString(context.resolve("greeting"), "hello from podman\n");
        Files.writeString(context.resolve("Containerfile"), """
                FROM localhost/interop-base:1
                COPY greeting /etc/greeting
                ENV GREETING=hi
                CMD ["/bin/cat", "/etc/greeting"]
                """);
        podman.run("build", "--network", "none", "-t", BUILT, context.toString()).ok();
        built = work.resolve("podman-gzip.oci.tar");
        podman.run("push", "--compression-format", "gzip", BUILT, "oci-archive:" + built + ":" + BUILT).ok();
        builtId = "sha256:" + podman.run("image", "inspect", "--format", "{{.Id}}", BUILT).ok().out().trim();
        JsonNode config = Fixtures.json(skopeo("inspect", "--config", "oci-archive:" + built).ok().out());
        builtDiffIds = Fixtures.texts(config.path("rootfs").path("diff_ids"));
        assertEquals(2, builtDiffIds.size(), config.toString());
    }

    @AfterAll
    void tearDown() throws Exception {
        try (Podman p = podman; Cairn c = cairn) {
            // both clean up on close, each even if the other fails (null when setUp failed first)
        } finally {
            if (work != null) {
                Scratch.delete(work);
            }
        }
    }

    @Test
    void skopeoReadsTheCairnArchiveAsOciArchiveAndDockerArchive() throws Exception {
        JsonNode cairnView = Fixtures.inspect(cairn, SAVED);
        for (String transport : List.of("oci-archive:", "docker-archive:")) {
            Exec.Result inspect = skopeo("inspect", transport + saved).ok();
            JsonNode image = Fixtures.json(inspect.out());
            assertEquals(List.of(savedDiffId), Fixtures.texts(image.path("Layers")), inspect.toString());
            assertEquals("linux", image.path("Os").asText());
            assertEquals(cairnView.path("Architecture").asText(), image.path("Architecture").asText());
            // same instant; skopeo prints the nanoseconds without trailing zeros
            assertEquals(Instant.parse(cairnView.path("Created").asText()), Instant.parse(image.path("Created").asText()));

            Exec.Result raw = skopeo("inspect", "--config", "--raw", transport + saved).ok();
            assertEquals(savedId, Fixtures.sha256(raw.out().getBytes(StandardCharsets.UTF_8)),
                    transport + " config is the image's config, byte for byte");
        }
        Exec.Result tagged = skopeo("inspect", "docker-archive:" + saved + ":" + SAVED).ok();
        assertEquals(List.of(savedDiffId), Fixtures.texts(Fixtures.json(tagged.out()).path("Layers")));
    }

    @Test
    void skopeoCopyChecksEveryDigestAndUmociUnpacksTheLayout() throws Exception {
        Path layout = work.resolve("copied-layout");
        Exec.Result copy = skopeo("copy", "oci-archive:" + saved, "oci:" + layout + ":interop").ok();
        assertTrue(copy.err().contains("Copying blob " + savedDiffId) || copy.out().contains("Copying blob " + savedDiffId),
                copy.toString());

        assertUmociUnpacks(layout + ":interop", work.resolve("umoci-bundle"));

        // umoci also reads Cairn's own layout, untarred as it is: index.json names the tag
        Path untarred = Files.createDirectories(work.resolve("untarred-layout"));
        Exec.run(List.of("tar", "-xf", saved.toString(), "-C", untarred.toString())).ok();
        String tag = SAVED.substring(SAVED.indexOf(':') + 1);
        Exec.Result ls = Exec.run(List.of("umoci", "ls", "--layout", untarred.toString())).ok();
        assertEquals(List.of(tag), ls.lines(), ls.toString());
        assertUmociUnpacks(untarred + ":" + tag, work.resolve("umoci-bundle-untarred"));

        // the same copy of an archive whose layer blob has one byte changed is refused: the check is real
        Path corrupt = work.resolve("cairn-saved-corrupt.tar");
        Archives.rewrite(saved, corrupt, "blobs/sha256/" + savedDiffId.substring("sha256:".length()),
                Archives::flipMiddleByte);
        Exec.Result refused = skopeo("copy", "oci-archive:" + corrupt, "oci:" + work.resolve("corrupt-layout") + ":x");
        assertNotEquals(0, refused.exit(), refused.toString());
        assertTrue(refused.err().toLowerCase(java.util.Locale.ROOT).contains("digest did not match"), refused.toString());
    }

    @Test
    void podmanLoadsAndRunsTheCairnArchive() throws Exception {
        Exec.Result load = podman.run("load", "-i", saved.toString()).ok();
        assertTrue(load.out().contains("Loaded image: docker.io/library/" + SAVED), load.toString());
        JsonNode image = Fixtures.json(podman.run("image", "inspect", SAVED).ok().out()).get(0);
        assertEquals(savedId, "sha256:" + image.path("Id").asText());
        assertEquals(List.of(savedDiffId), Fixtures.texts(image.path("RootFS").path("Layers")));

        List<String> run = new ArrayList<>(List.of("run", "--rm"));
        run.addAll(Podman.runFlags());
        run.addAll(List.of(SAVED, "/bin/sh", "-c", "echo hello"));
        Exec.Result hello = podman.run(run.toArray(String[]::new));
        assertEquals(0, hello.exit(), hello.toString());
        assertEquals("hello\n", hello.out(), hello.toString());
        assertEquals("", podman.run("ps", "-a", "-q").ok().out(), "--rm left no container");
    }

    /** The archives the other tools write, each loaded into Cairn on its own. */
    enum Source {
        /** {@code podman push --compression-format gzip IMAGE oci-archive:F}: gzip layers. */
        PODMAN_OCI_ARCHIVE_GZIP,
        /** {@code podman save --format oci-archive}: plain tar layers. */
        PODMAN_SAVE_OCI_ARCHIVE,
        /** {@code skopeo copy oci-archive:F docker-archive:D:REF}: Docker's format. */
        SKOPEO_DOCKER_ARCHIVE
    }

    @ParameterizedTest
    @EnumSource(Source.class)
    void archivesFromPodmanAndSkopeoLoadWithTheSameConfigAndLayers(Source source) throws Exception {
        Path archive;
        String tag;
        switch (source) {
            case PODMAN_OCI_ARCHIVE_GZIP -> {
                archive = built;
                tag = BUILT;
                JsonNode manifest = Fixtures.json(skopeo("inspect", "--raw", "oci-archive:" + archive).ok().out());
                for (JsonNode layer : manifest.path("layers")) {
                    assertEquals("application/vnd.oci.image.layer.v1.tar+gzip", layer.path("mediaType").asText(),
                            manifest.toString());
                }
            }
            case PODMAN_SAVE_OCI_ARCHIVE -> {
                archive = work.resolve("podman-save.oci.tar");
                tag = BUILT;
                Files.deleteIfExists(archive);
                podman.run("save", "--format", "oci-archive", "-o", archive.toString(), BUILT).ok();
            }
            case SKOPEO_DOCKER_ARCHIVE -> {
                archive = work.resolve("skopeo.docker.tar");
                tag = "localhost/interop-built:docker";
                Files.deleteIfExists(archive);
                skopeo("copy", "oci-archive:" + built, "docker-archive:" + archive + ":" + tag).ok();
                Map<String, byte[]> files = Archives.files(archive);
                assertTrue(files.containsKey("manifest.json") && !files.containsKey("index.json"), files.keySet().toString());
            }
            default -> throw new AssertionError(source);
        }
        String expectedId = Fixtures.sha256(skopeo("inspect", "--config", "--raw",
                (source == Source.SKOPEO_DOCKER_ARCHIVE ? "docker-archive:" : "oci-archive:") + archive).ok().out()
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(builtId, expectedId, "the tools agree on the config digest");

        Exec.Result load = cairn.run("load", "-i", archive.toString());
        try {
            assertEquals(0, load.exit(), load.toString());
            assertEquals("Loaded image: " + tag + "\n", load.out(), load.toString());
            JsonNode image = Fixtures.inspect(cairn, builtId);
            assertEquals(builtId, image.path("Id").asText());
            assertEquals(builtDiffIds, Fixtures.texts(image.path("RootFS").path("Layers")));
            assertEquals(List.of(tag), Fixtures.texts(image.path("RepoTags")));
            assertTrue(Fixtures.texts(image.path("Config").path("Env")).contains("GREETING=hi"), image.toString());
            assertEquals(List.of("/bin/cat", "/etc/greeting"), Fixtures.texts(image.path("Config").path("Cmd")));
            // the base layer is the busybox tarball cairn imported: stored once, shared
            assertEquals(savedDiffId, builtDiffIds.get(0));
            Exec.Result verify = cairn.run("image", "verify", builtId);
            assertEquals(0, verify.exit(), verify.toString());
            Exec.Result check = cairn.run("system", "check");
            assertEquals(0, check.exit(), check.toString());
            assertEquals(List.of(), Fixtures.list(cairn.root().resolve("tmp")));
        } finally {
            cairn.run("rmi", "-f", builtId);
        }
        assertFalse(cairn.run("images", "-q", "--no-trunc").ok().lines().contains(builtId));
    }

    /**
     * A reference with a repository path ({@code localhost/name:tag}) names the image in every image
     * command, as it does in {@code docker image inspect}.
     */
    @Test
    void aLoadedImageIsFoundByItsReferenceWithASlash() throws Exception {
        cairn.run("load", "-i", built.toString()).ok();
        try {
            Exec.Result inspect = cairn.run("image", "inspect", BUILT);
            assertEquals(0, inspect.exit(), inspect.toString());
            assertEquals(builtId, Fixtures.json(inspect.out()).get(0).path("Id").asText());
            Exec.Result verify = cairn.run("image", "verify", BUILT);
            assertEquals(0, verify.exit(), verify.toString());
        } finally {
            cairn.run("rmi", "-f", builtId);
        }
    }

    /** {@code umoci unpack} (which checks each layer's digest) gives the busybox rootfs. */
    private static void assertUmociUnpacks(String image, Path bundle) throws Exception {
        Exec.run(List.of("umoci", "unpack", "--image", image, bundle.toString())).ok();
        Path rootfsDir = bundle.resolve("rootfs");
        assertArrayEquals(Files.readAllBytes(Path.of("/bin/busybox")), Files.readAllBytes(rootfsDir.resolve("bin/busybox")));
        assertEquals("busybox", Files.readSymbolicLink(rootfsDir.resolve("bin/sh")).toString());
        assertTrue(Files.readString(rootfsDir.resolve("etc/passwd")).startsWith("root:x:0:0:"));
    }

    private static Exec.Result skopeo(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("skopeo"));
        cmd.addAll(List.of(args));
        return Exec.run(cmd);
    }
}
