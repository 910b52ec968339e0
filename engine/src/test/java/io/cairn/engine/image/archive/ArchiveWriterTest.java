package io.cairn.engine.image.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.engine.image.oci.Index;
import io.cairn.engine.image.oci.Manifest;
import io.cairn.engine.image.oci.MediaTypes;
import io.cairn.engine.image.oci.OciJson;
import io.cairn.engine.image.oci.OciSchemas;
import io.cairn.engine.image.oci.Platform;
import io.cairn.engine.image.reference.Reference;
import io.cairn.storage.digest.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveWriterTest {

    private static final Platform AMD64 = Platform.of("linux", "amd64");

    @TempDir
    Path temp;

    private final TestImages store = new TestImages();
    private final byte[] base = TestImages.layer("base", "shared base layer");
    private final TestImages.Image one = store.image("one", base);
    private final TestImages.Image two = store.image("two", base, TestImages.layer("top", "second image's layer"));

    private List<SavedImage> images() {
        return List.of(
                new SavedImage(one.manifest(), one.config(), List.of(Reference.parse("busybox"), Reference.parse("localhost:5000/bb:v1"))),
                new SavedImage(two.manifest(), two.config(), List.of(Reference.parse("user/two:2"))));
    }

    private byte[] write(List<SavedImage> images, List<Long> progress) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ArchiveWriter(progress::add).write(images, store.source(), out);
        return out.toByteArray();
    }

    private Path stage(byte[] archive, String name) throws IOException {
        Path dir = temp.resolve(name);
        new ArchiveStager(n -> { }).stage(new ByteArrayInputStream(archive), dir);
        return dir;
    }

    @Test
    void roundTripsThroughStagerAndReader() throws IOException {
        List<Long> progress = new ArrayList<>();
        byte[] archive = write(images(), progress);
        assertEquals(List.of((long) archive.length), progress);
        List<ArchiveImage> read = new ArchiveReader(AMD64).read(stage(archive, "oci"));
        assertEquals(2, read.size());
        ArchiveImage first = read.get(0);
        assertEquals(one.configDigest(), first.configDigest());
        assertArrayEquals(one.config(), first.configBytes());
        assertEquals(List.of(Reference.parse("busybox:latest"), Reference.parse("localhost:5000/bb:v1")), first.repoTags());
        assertEquals(List.of(), first.bareTags());
        assertEquals(Digest.sha256(one.manifest()), first.manifest().digest());
        ArchiveImage second = read.get(1);
        assertEquals(two.diffIds(), second.layers().stream().map(ArchiveLayer::diffId).toList());
        assertEquals(two.diffIds(), second.layers().stream().map(ArchiveLayer::digest).toList());
        for (ArchiveLayer layer : second.layers()) {
            assertEquals(layer.digest(), Digest.sha256(Files.readAllBytes(layer.file())));
            assertEquals(MediaTypes.OCI_LAYER, layer.mediaType());
        }
    }

    @Test
    void dockerArchiveReadersFindTheSameImages() throws IOException {
        Path dir = stage(write(images(), new ArrayList<>()), "docker");
        Files.delete(dir.resolve("index.json"));
        Files.delete(dir.resolve("oci-layout"));
        List<ArchiveImage> read = new ArchiveReader(AMD64).read(dir);
        assertEquals(List.of(one.configDigest(), two.configDigest()), read.stream().map(ArchiveImage::configDigest).toList());
        assertEquals(List.of(Reference.parse("user/two:2")), read.get(1).repoTags());
        assertEquals(two.diffIds(), read.get(1).layers().stream().map(ArchiveLayer::digest).toList(),
                "blob paths declare the layer digests");

        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        assertEquals("blobs/sha256/" + one.configDigest().hex(), manifest.get(0).get("Config").asText());
        assertEquals("[\"busybox:latest\",\"localhost:5000/bb:v1\"]", manifest.get(0).get("RepoTags").toString());
        assertEquals("blobs/sha256/" + two.diffIds().get(1).hex(), manifest.get(1).get("Layers").get(1).asText());
        JsonNode repositories = new ObjectMapper().readTree(dir.resolve("repositories").toFile());
        assertEquals(one.diffIds().get(0).hex(), repositories.get("busybox").get("latest").asText());
        assertEquals(two.diffIds().get(1).hex(), repositories.get("user/two").get("2").asText());
        assertEquals(one.diffIds().get(0).hex(), repositories.get("localhost:5000/bb").get("v1").asText());
    }

    @Test
    void writtenDocumentsValidateAgainstTheOciSchemas() throws IOException {
        Path dir = stage(write(images(), new ArrayList<>()), "schemas");
        byte[] indexJson = Files.readAllBytes(dir.resolve("index.json"));
        OciSchemas.assertValid(OciSchemas.INDEX, indexJson, "index.json");
        OciSchemas.assertValid(OciSchemas.LAYOUT, Files.readAllBytes(dir.resolve("oci-layout")), "oci-layout");
        Index index = OciJson.read(indexJson, Index.class, "index.json");
        assertEquals(3, index.manifests().size(), "one descriptor per image and tag");
        assertEquals(Map.of(MediaTypes.ANNOTATION_REF_NAME, "latest",
                MediaTypes.ANNOTATION_CONTAINERD_IMAGE_NAME, "docker.io/library/busybox:latest"),
                index.manifests().get(0).annotations());
        assertEquals("localhost:5000/bb:v1", index.manifests().get(1).annotation(MediaTypes.ANNOTATION_CONTAINERD_IMAGE_NAME));
        for (var entry : index.manifests()) {
            byte[] manifestJson = Files.readAllBytes(dir.resolve("blobs/sha256/" + entry.digest().hex()));
            OciSchemas.assertValid(OciSchemas.MANIFEST, manifestJson, "manifest " + entry.digest());
            Manifest manifest = OciJson.read(manifestJson, Manifest.class, "manifest");
            OciSchemas.assertValid(OciSchemas.CONFIG,
                    Files.readAllBytes(dir.resolve("blobs/sha256/" + manifest.config().digest().hex())), "config");
        }
    }

    @Test
    void outputIsDeterministicAndOrdered() throws IOException {
        byte[] first = write(images(), new ArrayList<>());
        assertArrayEquals(first, write(images(), new ArrayList<>()));
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(first))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                names.add(e.getName());
                assertEquals(0, e.getModTime().getTime(), e.getName());
                assertEquals(0, e.getLongUserId(), e.getName());
                assertEquals(e.isDirectory() ? 0755 : 0644, e.getMode() & 07777, e.getName());
            }
        }
        List<String> blobs = names.subList(2, names.size() - 4);
        assertEquals(List.of("blobs/", "blobs/sha256/"), names.subList(0, 2));
        assertEquals(blobs.stream().sorted().toList(), blobs, "blobs sorted by digest");
        assertEquals(6, blobs.size(), "2 manifests, 2 configs, 2 layers, the shared one once");
        assertEquals(List.of("index.json", "manifest.json", "oci-layout", "repositories"),
                names.subList(names.size() - 4, names.size()));
    }

    @Test
    void untaggedImagesGetAnUnannotatedDescriptor() throws IOException {
        Path dir = stage(write(List.of(new SavedImage(one.manifest(), one.config(), List.of())), new ArrayList<>()), "id");
        Index index = OciJson.read(Files.readAllBytes(dir.resolve("index.json")), Index.class, "index.json");
        assertEquals(1, index.manifests().size());
        assertEquals(null, index.manifests().get(0).annotations());
        ArchiveImage image = new ArchiveReader(AMD64).read(dir).get(0);
        assertEquals(List.of(), image.repoTags());
        assertEquals("{}", Files.readString(dir.resolve("repositories")));
    }

    @Test
    void refusesDamagedBlobsAndMismatchedConfigs() {
        Digest top = two.diffIds().get(1);
        byte[] good = store.blobs.get(top);
        byte[] bad = good.clone();
        bad[bad.length - 1] ^= 1;
        store.blobs.put(top, bad);
        IOException damaged = assertThrows(IOException.class, () -> write(images(), new ArrayList<>()));
        assertEquals("blob " + top + " is damaged: its content hashes to " + Digest.sha256(bad), damaged.getMessage());

        store.blobs.put(top, java.util.Arrays.copyOf(good, good.length - 1));
        IOException shorter = assertThrows(IOException.class, () -> write(images(), new ArrayList<>()));
        assertEquals("blob " + top + " ended after " + (good.length - 1) + " bytes; its descriptor says " + good.length,
                shorter.getMessage());

        IllegalArgumentException config = assertThrows(IllegalArgumentException.class,
                () -> write(List.of(new SavedImage(one.manifest(), two.config(), List.of())), new ArrayList<>()));
        assertTrue(config.getMessage().contains("hashes to " + two.configDigest()), config.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SavedImage(one.manifest(), one.config(),
                List.of(Reference.parseNormalized("busybox@sha256:" + "a".repeat(64)))));
    }
}
