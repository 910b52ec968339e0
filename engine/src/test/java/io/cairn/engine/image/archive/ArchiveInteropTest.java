package io.cairn.engine.image.archive;

import io.cairn.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.image.reference.Reference;
import io.cairn.storage.digest.Digest;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive Cairn writes is accepted by skopeo (as oci-archive and as docker-archive, and
 * copied to an OCI layout, which checks every digest), by umoci, which unpacks it, and by podman
 * load; archives skopeo writes read back with the same config and layers. Skipped
 * when skopeo or umoci is not installed ({@code apt-get install -y skopeo umoci}).
 */
class ArchiveInteropTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELLO = "hello from cairn\n";

    @TempDir
    Path temp;

    @BeforeAll
    static void toolsPresent() {
        for (String tool : List.of("skopeo", "umoci")) {
            Tools.require(tool, "apt-get install -y " + tool);
        }
    }

    /** Runs a command, returning its stdout; fails naming the command with its stderr when it does not exit 0. */
    private String run(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                throw new AssertionError(String.join(" ", command) + " did not finish in 180 s");
            }
        } finally {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + " failed: " + Files.readString(err));
        return Files.readString(out);
    }

    @Test
    void skopeoAndUmociAcceptWhatCairnWrites() throws Exception {
        TestImages store = new TestImages();
        byte[] layer = new TarBuilder().dir("etc").file("etc/hello.txt", HELLO).build();
        TestImages.Image image = store.image("cat", layer);
        Path archive = temp.resolve("hello.tar");
        try (OutputStream out = Files.newOutputStream(archive)) {
            new ArchiveWriter(n -> { }).write(List.of(new SavedImage(image.manifest(), image.config(),
                    List.of(Reference.parse("cairn-test/hello:v1")))), store.source(), out);
        }
        Digest manifestDigest = Digest.sha256(image.manifest());
        String layerDigest = Digest.sha256(layer).toString();

        JsonNode oci = JSON.readTree(run("skopeo", "inspect", "oci-archive:" + archive));
        assertEquals(manifestDigest.toString(), oci.get("Digest").asText());
        assertEquals(List.of(layerDigest), texts(oci.get("Layers")));
        assertEquals("amd64", oci.get("Architecture").asText());

        JsonNode docker = JSON.readTree(run("skopeo", "inspect", "docker-archive:" + archive));
        assertEquals(List.of(layerDigest), texts(docker.get("Layers")));
        assertEquals("linux", docker.get("Os").asText());

        Path layout = temp.resolve("layout");
        run("skopeo", "--insecure-policy", "copy", "oci-archive:" + archive, "oci:" + layout + ":v1");
        JsonNode copiedIndex = JSON.readTree(layout.resolve("index.json").toFile());
        Digest copied = Digest.parse(copiedIndex.get("manifests").get(0).get("digest").asText());
        JsonNode copiedManifest = JSON.readTree(layout.resolve("blobs/sha256/" + copied.hex()).toFile());
        assertEquals(image.configDigest().toString(), copiedManifest.get("config").get("digest").asText(),
                "skopeo copied the config unchanged (it re-encodes the manifest itself)");
        // skopeo gzips layers for an oci: destination; the content must still be our layer
        JsonNode copiedLayer = copiedManifest.get("layers").get(0);
        Path copiedBlob = layout.resolve("blobs/sha256/" + Digest.parse(copiedLayer.get("digest").asText()).hex());
        try (InputStream in = copiedLayer.get("mediaType").asText().endsWith("+gzip")
                ? new GZIPInputStream(Files.newInputStream(copiedBlob)) : Files.newInputStream(copiedBlob)) {
            assertEquals(layerDigest, Digest.sha256(in.readAllBytes()).toString());
        }

        Path bundle = temp.resolve("bundle");
        List<String> unpack = new ArrayList<>(List.of("umoci", "unpack"));
        if (!"root".equals(System.getProperty("user.name"))) {
            unpack.add("--rootless");
        }
        unpack.addAll(List.of("--image", layout + ":v1", bundle.toString()));
        run(unpack.toArray(String[]::new));
        assertEquals(HELLO, Files.readString(bundle.resolve("rootfs/etc/hello.txt"), StandardCharsets.UTF_8));
        JsonNode runtimeConfig = JSON.readTree(bundle.resolve("config.json").toFile());
        assertTrue(runtimeConfig.get("process").get("args").toString().contains("cat"), runtimeConfig.toString());
    }

    @Test
    void archivesWrittenBySkopeoReadBackWithTheSameConfigAndLayers() throws Exception {
        TestImages store = new TestImages();
        byte[] layer = new TarBuilder().dir("etc").file("etc/hello.txt", HELLO).build();
        TestImages.Image image = store.image("cat", layer);
        Path ours = temp.resolve("ours.tar");
        try (OutputStream out = Files.newOutputStream(ours)) {
            new ArchiveWriter(n -> { }).write(List.of(new SavedImage(image.manifest(), image.config(),
                    List.of(Reference.parse("cairn-test/hello:v1")))), store.source(), out);
        }
        Path ociArchive = temp.resolve("skopeo-oci.tar");
        run("skopeo", "--insecure-policy", "copy", "oci-archive:" + ours, "oci-archive:" + ociArchive + ":example.com/hello:v2");
        Path dockerArchive = temp.resolve("skopeo-docker.tar");
        run("skopeo", "--insecure-policy", "copy", "oci-archive:" + ours, "docker-archive:" + dockerArchive + ":hello:v3");

        ArchiveImage fromOci = stageAndRead(ociArchive, "oci").get(0);
        assertEquals(image.configDigest(), fromOci.configDigest());
        assertEquals(List.of(Reference.parse("example.com/hello:v2")), fromOci.repoTags());
        ArchiveLayer gz = fromOci.layers().get(0);
        assertEquals(image.diffIds().get(0), gz.diffId());
        assertEquals(gz.digest(), Digest.sha256(Files.readAllBytes(gz.file())), "declared digest is the blob's");

        ArchiveImage fromDocker = stageAndRead(dockerArchive, "docker").get(0);
        assertEquals(image.configDigest(), fromDocker.configDigest());
        assertEquals(List.of(Reference.parse("hello:v3")), fromDocker.repoTags());
        assertEquals(Digest.sha256(layer), Digest.sha256(Files.readAllBytes(fromDocker.layers().get(0).file())));
    }

    /**
     * podman loads the archive into a private store (vfs driver: no mounts), keeping the image ID
     * (config digest) and the tag. Skipped when podman is absent.
     */
    @Test
    void podmanLoadsWhatCairnWrites() throws Exception {
        Tools.require("podman", "apt-get install -y podman");
        TestImages store = new TestImages();
        TestImages.Image image = store.image("cat", new TarBuilder().dir("etc").file("etc/hello.txt", HELLO).build());
        Path archive = temp.resolve("podman.tar");
        try (OutputStream out = Files.newOutputStream(archive)) {
            new ArchiveWriter(n -> { }).write(List.of(new SavedImage(image.manifest(), image.config(),
                    List.of(Reference.parse("cairn-test/hello:v1")))), store.source(), out);
        }
        List<String> podman = List.of("podman", "--root", temp.resolve("podman-root").toString(),
                "--runroot", temp.resolve("podman-run").toString(), "--tmpdir", temp.resolve("podman-tmp").toString(),
                "--storage-driver", "vfs", "--events-backend", "none", "--cgroup-manager", "cgroupfs");
        List<String> load = new ArrayList<>(podman);
        load.addAll(List.of("load", "-i", archive.toString()));
        run(load.toArray(String[]::new));
        List<String> images = new ArrayList<>(podman);
        images.addAll(List.of("images", "--no-trunc", "--format", "json"));
        JsonNode listed = JSON.readTree(run(images.toArray(String[]::new)));
        assertEquals(1, listed.size(), listed.toString());
        assertEquals(image.configDigest().hex(), listed.get(0).get("Id").asText().replace("sha256:", ""));
        assertTrue(listed.get(0).get("Names").toString().contains("docker.io/cairn-test/hello:v1"), listed.toString());
    }

    private List<ArchiveImage> stageAndRead(Path archive, String name) throws IOException {
        Path dir = temp.resolve("staged-" + name);
        try (InputStream in = Files.newInputStream(archive)) {
            new ArchiveStager(n -> { }).stage(in, dir);
        }
        return new ArchiveReader(io.cairn.engine.image.oci.Platform.of("linux", "amd64")).read(dir);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
