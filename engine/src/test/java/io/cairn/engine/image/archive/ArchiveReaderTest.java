package io.cairn.engine.image.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.image.oci.Compression;
import io.cairn.engine.image.oci.Descriptor;
import io.cairn.engine.image.oci.ExecutionConfig;
import io.cairn.engine.image.oci.ImageConfig;
import io.cairn.engine.image.oci.Index;
import io.cairn.engine.image.oci.Manifest;
import io.cairn.engine.image.oci.MediaTypes;
import io.cairn.engine.image.oci.OciJson;
import io.cairn.engine.image.oci.Platform;
import io.cairn.engine.image.oci.RootFs;
import io.cairn.engine.image.reference.Reference;
import io.cairn.storage.digest.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixtures for each input format, built here, staged and read; then malformed variants. */
class ArchiveReaderTest {

    private static final Platform AMD64 = Platform.of("linux", "amd64");
    private static final byte[] L1 = TestImages.layer("one", "first layer");
    private static final byte[] L2 = TestImages.layer("two", "second layer");

    @TempDir
    Path temp;

    private int staged;

    private List<ArchiveImage> read(byte[] archive, Platform platform) throws IOException {
        Path dir = temp.resolve("stage" + staged++);
        new ArchiveStager(n -> { }).stage(new ByteArrayInputStream(archive), dir);
        return new ArchiveReader(platform).read(dir);
    }

    private InvalidArgumentException refused(byte[] archive) {
        return assertThrows(InvalidArgumentException.class, () -> read(archive, AMD64));
    }

    private static byte[] config(String arch, Digest... diffIds) {
        return OciJson.write(new ImageConfig(null, null, arch, "linux", null, null, null,
                ExecutionConfig.empty().toBuilder().cmd(List.of("sh")).build(), RootFs.layers(List.of(diffIds)), null));
    }

    private static String hex(byte[] content) {
        return Digest.sha256(content).hex();
    }

    private static String repeat(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static byte[] json(Object value) {
        return OciJson.write(value);
    }

    // ---- docker save, legacy layout (Docker < 25): <v1id>/layer.tar, <config hex>.json, repeated layers as symlinks

    private static byte[] dockerLegacy(byte[] configA, byte[] configB, List<Object> manifestOverride) {
        List<Object> manifest = manifestOverride != null ? manifestOverride : List.of(
                Map.of("Config", hex(configA) + ".json", "RepoTags", List.of("busybox:latest"),
                        "Layers", List.of(repeat('1') + "/layer.tar")),
                Map.of("Config", hex(configB) + ".json", "RepoTags", List.of("localhost:5000/app:v1", "app:v2"),
                        "Layers", List.of(repeat('2') + "/layer.tar", repeat('3') + "/layer.tar")));
        return new TarBuilder()
                .dir(repeat('1')).file(repeat('1') + "/VERSION", "1.0").file(repeat('1') + "/layer.tar", L1)
                .dir(repeat('2')).symlink(repeat('2') + "/layer.tar", "../" + repeat('1') + "/layer.tar")
                .dir(repeat('3')).file(repeat('3') + "/layer.tar", L2)
                .file(hex(configA) + ".json", configA)
                .file(hex(configB) + ".json", configB)
                .file("manifest.json", json(manifest))
                .file("repositories", "{\"busybox\":{\"latest\":\"" + repeat('1') + "\"}}")
                .build();
    }

    @Test
    void readsLegacyDockerArchivesWithSymlinkedLayers() throws IOException {
        byte[] configA = config("amd64", Digest.sha256(L1));
        byte[] configB = config("amd64", Digest.sha256(L1), Digest.sha256(L2));
        List<ArchiveImage> images = read(dockerLegacy(configA, configB, null), AMD64);
        assertEquals(2, images.size());

        ArchiveImage a = images.get(0);
        assertEquals(Digest.sha256(configA), a.configDigest());
        assertArrayEquals(configA, a.configBytes());
        assertEquals(List.of(Reference.parse("busybox:latest")), a.repoTags());
        assertEquals(1, a.layers().size());
        assertNull(a.manifest());

        ArchiveImage b = images.get(1);
        assertEquals(List.of(Reference.parse("localhost:5000/app:v1"), Reference.parse("docker.io/library/app:v2")),
                b.repoTags());
        ArchiveLayer repeated = b.layers().get(0);
        assertArrayEquals(L1, Files.readAllBytes(repeated.file()), "the symlinked layer reads as the original");
        assertTrue(repeated.file().endsWith(repeat('1') + "/layer.tar"), "the reader hands out the resolved file");
        assertNull(repeated.digest());
        assertNull(repeated.mediaType());
        assertEquals(Compression.DETECT, repeated.compression());
        assertEquals(Digest.sha256(L1), repeated.diffId());
        assertArrayEquals(L2, Files.readAllBytes(b.layers().get(1).file()));
        assertEquals(Digest.sha256(L2), b.layers().get(1).diffId());
    }

    // ---- docker save, Docker 25+ paths in a docker-archive without the OCI side

    @Test
    void readsDockerArchivesWithBlobPaths() throws IOException {
        byte[] gz = TarBuilder.gzip(L1);
        byte[] config = config("amd64", Digest.sha256(L1));
        byte[] archive = new TarBuilder()
                .dir("blobs/sha256")
                .file("blobs/sha256/" + hex(gz), gz)
                .file("blobs/sha256/" + hex(config), config)
                .file("manifest.json", json(List.of(Map.of("Config", "blobs/sha256/" + hex(config),
                        "RepoTags", List.of("user/app:1"), "Layers", List.of("blobs/sha256/" + hex(gz))))))
                .build();
        ArchiveImage image = read(archive, AMD64).get(0);
        assertEquals(Digest.sha256(config), image.configDigest());
        assertEquals(List.of(Reference.parse("user/app:1")), image.repoTags());
        ArchiveLayer layer = image.layers().get(0);
        assertEquals(Digest.sha256(gz), layer.digest(), "the blob path declares the layer's digest");
        assertEquals(Compression.DETECT, layer.compression());
        assertEquals(Digest.sha256(L1), layer.diffId());
        assertArrayEquals(gz, Files.readAllBytes(layer.file()));
    }

    // ---- OCI layout: gzip layers, a nested multi-platform index, tags in annotations

    /** Blobs of an OCI layout under construction. */
    private static final class Oci {
        final Map<String, byte[]> blobs = new LinkedHashMap<>();
        final List<Descriptor> index = new ArrayList<>();
        String layout = "{\"imageLayoutVersion\":\"1.0.0\"}";

        Descriptor blob(String mediaType, byte[] content) {
            blobs.put(hex(content), content);
            return Descriptor.of(mediaType, Digest.sha256(content), content.length);
        }

        Descriptor image(String arch, String layerType, byte[] layerBlob, byte[] diff) {
            byte[] config = config(arch, Digest.sha256(diff));
            Descriptor c = blob(MediaTypes.OCI_CONFIG, config);
            Descriptor l = blob(layerType, layerBlob);
            return blob(MediaTypes.OCI_MANIFEST, json(Manifest.oci(c, List.of(l))));
        }

        byte[] build() {
            TarBuilder tar = new TarBuilder().file("oci-layout", layout).dir("blobs").dir("blobs/sha256");
            blobs.forEach((h, content) -> tar.file("blobs/sha256/" + h, content));
            return tar.file("index.json", json(Index.oci(index))).build();
        }
    }

    private static Descriptor annotated(Descriptor d, String... keyValues) {
        Map<String, String> annotations = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            annotations.put(keyValues[i], keyValues[i + 1]);
        }
        return d.withAnnotations(annotations);
    }

    private static Descriptor onPlatform(Descriptor d, String os, String arch) {
        return new Descriptor(d.mediaType(), null, d.digest(), d.size(), null, null, null, Platform.of(os, arch));
    }

    private static Oci multiPlatform() {
        Oci oci = new Oci();
        byte[] gz = TarBuilder.gzip(L1);
        Descriptor amd = oci.image("amd64", MediaTypes.OCI_LAYER_GZIP, gz, L1);
        Descriptor arm = oci.image("arm64", MediaTypes.OCI_LAYER, L2, L2);
        Descriptor attestation = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256("not stored"), 10);
        Descriptor nested = oci.blob(MediaTypes.OCI_INDEX, json(Index.oci(List.of(
                onPlatform(amd, "linux", "amd64"), onPlatform(arm, "linux", "arm64"),
                onPlatform(attestation, "unknown", "unknown")))));
        oci.index.add(annotated(nested, MediaTypes.ANNOTATION_REF_NAME, "example.com/app:2"));
        oci.index.add(annotated(nested, MediaTypes.ANNOTATION_REF_NAME, "v1"));
        oci.index.add(annotated(arm, MediaTypes.ANNOTATION_CONTAINERD_IMAGE_NAME, "docker.io/library/arm:only",
                MediaTypes.ANNOTATION_REF_NAME, "only"));
        return oci;
    }

    @Test
    void readsOciLayoutsChoosingThePlatform() throws IOException {
        byte[] archive = multiPlatform().build();
        List<ArchiveImage> images = read(archive, AMD64);
        assertEquals(2, images.size());
        ArchiveImage amd = images.get(0);
        assertEquals("amd64", amd.config().architecture());
        assertEquals(List.of(Reference.parse("example.com/app:2")), amd.repoTags());
        assertEquals(List.of("v1"), amd.bareTags());
        assertEquals(MediaTypes.OCI_MANIFEST, amd.manifest().mediaType());
        ArchiveLayer gz = amd.layers().get(0);
        assertEquals(Compression.GZIP, gz.compression());
        assertEquals(MediaTypes.OCI_LAYER_GZIP, gz.mediaType());
        assertEquals(Digest.sha256(TarBuilder.gzip(L1)), gz.digest());
        assertEquals(Digest.sha256(L1), gz.diffId());
        assertArrayEquals(TarBuilder.gzip(L1), Files.readAllBytes(gz.file()));
        assertEquals(List.of(Reference.parse("arm:only")), images.get(1).repoTags());

        List<ArchiveImage> arm = read(archive, Platform.of("linux", "arm64"));
        assertEquals(1, arm.size(), "the arm64 manifest of the index and the tagged one are one image");
        assertEquals(List.of(Reference.parse("example.com/app:2"), Reference.parse("arm:only")), arm.get(0).repoTags());
        assertEquals(List.of("v1"), arm.get(0).bareTags());
        assertEquals(Compression.NONE, arm.get(0).layers().get(0).compression());

        InvalidArgumentException none = assertThrows(InvalidArgumentException.class,
                () -> read(archive, Platform.of("linux", "s390x")));
        assertTrue(none.getMessage().matches("index sha256:[0-9a-f]{64} \\(index.json manifests\\[0]\\): no image for"
                + " linux/s390x \\(it has: linux/amd64, linux/arm64, unknown/unknown\\)"), none.getMessage());
    }

    @Test
    void dockerTagsAreAddedToTheOciSide() throws IOException {
        Oci oci = new Oci();
        Descriptor manifest = oci.image("amd64", MediaTypes.OCI_LAYER, L1, L1);
        oci.index.add(manifest);
        byte[] config = config("amd64", Digest.sha256(L1));
        byte[] layout = oci.build();
        byte[] archive = new TarBuilder().file("manifest.json", json(List.of(Map.of("Config", "blobs/sha256/" + hex(config),
                "RepoTags", List.of("saved:by-docker"), "Layers", List.of("blobs/sha256/" + hex(L1)))))).build();
        // concatenate by rebuilding: stage the layout, then add manifest.json beside it
        Path dir = temp.resolve("both");
        new ArchiveStager(n -> { }).stage(new ByteArrayInputStream(layout), dir);
        Path other = temp.resolve("docker-part");
        new ArchiveStager(n -> { }).stage(new ByteArrayInputStream(archive), other);
        Files.copy(other.resolve("manifest.json"), dir.resolve("manifest.json"));
        ArchiveImage image = new ArchiveReader(AMD64).read(dir).get(0);
        assertEquals(List.of(Reference.parse("saved:by-docker")), image.repoTags());
        assertEquals(manifest, image.manifest());
    }

    // ---- malformed archives: each error names the file and field

    @Test
    void refusesArchivesWithoutAManifest() {
        assertEquals("not an image archive: it has neither index.json (OCI layout) nor manifest.json"
                + " (docker-archive) at its top", refused(new TarBuilder().file("hello", "x").build()).getMessage());
        Oci noLayout = multiPlatform();
        noLayout.layout = "{}";
        assertEquals("oci-layout: unsupported imageLayoutVersion \"null\" (expected 1.x)",
                refused(noLayout.build()).getMessage());
        assertEquals("image archive has index.json but no oci-layout file",
                refused(new TarBuilder().file("index.json", "{}").build()).getMessage());
        assertEquals("image archive holds no image",
                refused(new TarBuilder().file("manifest.json", "[]").build()).getMessage());
    }

    @Test
    void refusesLayerCountsThatDisagreeWithTheConfig() {
        byte[] configA = config("amd64", Digest.sha256(L1));
        byte[] configB = config("amd64", Digest.sha256(L1), Digest.sha256(L2));
        byte[] archive = dockerLegacy(configA, configB, List.of(Map.of("Config", hex(configA) + ".json",
                "Layers", List.of(repeat('1') + "/layer.tar", repeat('3') + "/layer.tar"))));
        assertEquals("manifest.json[0]: 2 layers but config sha256:" + hex(configA) + " has 1 rootfs.diff_ids",
                refused(archive).getMessage());
    }

    @Test
    void refusesUnknownLayerMediaTypes() {
        Oci oci = new Oci();
        Descriptor m = oci.image("amd64", "application/vnd.example.layer", L1, L1);
        oci.index.add(m);
        assertEquals("layer 0 of manifest " + m.digest() + " (index.json manifests[0]): unknown media type"
                + " \"application/vnd.example.layer\"", refused(oci.build()).getMessage());
    }

    @Test
    void refusesMissingBlobs() {
        Oci oci = new Oci();
        Descriptor m = oci.image("amd64", MediaTypes.OCI_LAYER, L1, L1);
        oci.blobs.remove(hex(L1));
        oci.index.add(m);
        assertEquals("blob sha256:" + hex(L1) + " of layer 0 of manifest " + m.digest()
                + " (index.json manifests[0]), \"blobs/sha256/" + hex(L1) + "\" is missing from the archive",
                refused(oci.build()).getMessage());

        byte[] configA = config("amd64", Digest.sha256(L1));
        byte[] archive = dockerLegacy(configA, config("arm64"), List.of(Map.of("Config", hex(configA) + ".json",
                "Layers", List.of("nowhere/layer.tar"))));
        assertEquals("manifest.json[0] Layers[0] \"nowhere/layer.tar\" is missing from the archive",
                refused(archive).getMessage());
    }

    @Test
    void refusesTamperedContent() {
        byte[] configA = config("amd64", Digest.sha256(L1));
        byte[] other = config("arm64", Digest.sha256(L1));
        byte[] archive = new TarBuilder().file(hex(configA) + ".json", other).file("l.tar", L1)
                .file("manifest.json", json(List.of(Map.of("Config", hex(configA) + ".json", "Layers", List.of("l.tar")))))
                .build();
        assertEquals("manifest.json[0] Config \"" + hex(configA) + ".json\": content does not match digest sha256:"
                + hex(configA) + " (it hashes to sha256:" + hex(other) + ")", refused(archive).getMessage());

        Oci oci = new Oci();
        Descriptor m = oci.image("amd64", MediaTypes.OCI_LAYER, L1, L1);
        byte[] manifest = oci.blobs.get(m.digest().hex());
        byte[] tampered = new String(manifest, StandardCharsets.UTF_8).replace("\"size\"", "\"size\" ")
                .getBytes(StandardCharsets.UTF_8);
        oci.blobs.put(m.digest().hex(), tampered);
        oci.index.add(m);
        assertTrue(refused(oci.build()).getMessage().startsWith("manifest " + m.digest()
                + " (index.json manifests[0]): blob has " + tampered.length + " bytes but its descriptor says "
                + manifest.length), "size is checked before the digest");
    }

    @Test
    void refusesBadTagsAndPaths() {
        byte[] configA = config("amd64", Digest.sha256(L1));
        byte[] badTag = dockerLegacy(configA, config("arm64"), List.of(Map.of("Config", hex(configA) + ".json",
                "RepoTags", List.of("UPPER:x"), "Layers", List.of(repeat('1') + "/layer.tar"))));
        assertEquals("manifest.json[0] RepoTags[0]: invalid reference format: repository name (library/UPPER)"
                + " must be lowercase", refused(badTag).getMessage());
        byte[] climbing = dockerLegacy(configA, config("arm64"), List.of(Map.of("Config", hex(configA) + ".json",
                "Layers", List.of("../" + repeat('1') + "/layer.tar"))));
        assertEquals("manifest.json[0] Layers[0] \"../" + repeat('1') + "/layer.tar\" has a \"..\" component",
                refused(climbing).getMessage());
        Oci oci = multiPlatform();
        oci.index.add(annotated(oci.index.get(2), MediaTypes.ANNOTATION_REF_NAME, "Bad/Name:x"));
        assertEquals("index.json manifests[3] annotation org.opencontainers.image.ref.name: invalid reference format:"
                + " repository name (Name) must be lowercase", refused(oci.build()).getMessage());
    }
}
