package io.cairn.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.Engine;
import io.cairn.engine.TestEngines;
import io.cairn.api.ConflictException;
import io.cairn.api.Filters;
import io.cairn.api.ImageDeleteItem;
import io.cairn.api.ImageSummary;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageServiceTest {

    @TempDir
    Path root;

    private final TestEngines.MemoryLocation index = new TestEngines.MemoryLocation();

    static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (var f : files.entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(content.length);
                e.setMode(0644);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    private static String importTar(Engine engine, byte[] tar, String ref, List<String> changes) {
        return new ImageImporter(engine.images(), engine.root().tmp()).importRootfs(new ByteArrayInputStream(tar), Optional.ofNullable(ref),
                ConfigChanges.apply(Map.of(), changes), null, 0);
    }

    @Test
    void importMakesAOneLayerImageWithChangesAndHistory() throws Exception {
        try (Engine engine = TestEngines.open(root, index)) {
            byte[] tar = tar(Map.of("etc/hello", "hi\n"));
            String id = importTar(engine, gzip(tar), "Hello-World".toLowerCase(), List.of("CMD [\"/bin/sh\"]",
                    "ENV A=1", "ENV B=$A-2", "WORKDIR /srv", "LABEL team=web", "EXPOSE 80"));
            assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
            Map<String, Object> inspect = engine.images().inspect("hello-world");
            assertEquals(id, inspect.get("Id"));
            assertEquals(List.of("hello-world:latest"), inspect.get("RepoTags"));
            String config = inspect.get("Config").toString();
            assertTrue(config.contains("\"Env\":[\"A=1\",\"B=1-2\"]"), config);
            assertTrue(config.contains("\"WorkingDir\":\"/srv\""), config);
            assertTrue(config.contains("\"ExposedPorts\":{\"80/tcp\":{}}"), config);
            assertEquals("Imported from -", engine.images().history(id).get(0).comment());
            assertEquals(tar.length, engine.images().history(id).get(0).size(), "the layer is stored uncompressed");
            assertThrows(InvalidArgumentException.class, () -> importTar(engine, tar, null, List.of("RUN make")));
            assertThrows(InvalidArgumentException.class, () -> importTar(engine, tar, "Upper", List.of()));
        }
    }

    @Test
    void tagsMoveAndRmiFollowsDockersRules() throws Exception {
        try (Engine engine = TestEngines.open(root, index)) {
            byte[] tar = tar(Map.of("a", "1"));
            String first = importTar(engine, tar, "app:v1", List.of());
            String second = importTar(engine, tar, "app:v2", List.of("CMD [\"x\"]"));
            assertNotEquals(first, second);
            ImageService images = engine.images();
            images.tag("app:v2", "app:v1", 0); // moves v1 from the first image
            List<ImageSummary> dangling = images.list(Filters.parse(List.of("dangling=true"), ImageService.LIST_FILTERS));
            assertEquals(List.of(first), dangling.stream().map(ImageSummary::id).toList());
            images.tag(second, "other/name:latest", 0);

            assertEquals(List.of(ImageDeleteItem.untagged("app:v1")), images.remove("app:v1", false, 0));
            ConflictException many = assertThrows(ConflictException.class, () -> images.remove(second.substring(7, 19), false, 0));
            assertTrue(many.getMessage().contains("image is referenced in multiple repositories"), many.getMessage());
            assertThrows(NotFoundException.class, () -> images.remove("nothing", false, 0));

            // both images share the one layer: deleting one keeps it
            List<ImageDeleteItem> gone = images.remove(first, false, 0);
            assertEquals(List.of(ImageDeleteItem.deleted(first)), gone);
            assertEquals(1, engine.content().layers().list().size());
            List<ImageDeleteItem> last = images.remove(second, true, 0);
            assertEquals(4, last.size(), last.toString()); // two untags, the image, its layer
            assertTrue(engine.content().layers().list().isEmpty());
            assertTrue(engine.content().blobs().list().isEmpty(), "no blob outlives its last reference");
            assertTrue(engine.check().ok(), engine.check().problems().toString());
        }
    }

    /** An image ID is its config's digest: a listing reads each config once, not once per listing. */
    @Test
    void listingsReadAnImagesConfigOnce() throws Exception {
        try (Engine engine = TestEngines.open(root, index)) {
            String id = importTar(engine, tar(Map.of("a", "1")), "labelled:1", List.of("LABEL team=web"));
            ImageService images = engine.images();
            Filters none = Filters.parse(List.of(), ImageService.LIST_FILTERS);
            assertEquals(Map.of("team", "web"), images.list(none).get(0).labels());
            Path config = engine.content().blobs().path(io.cairn.storage.digest.Digest.parse(id));
            byte[] kept = Files.readAllBytes(config);
            Files.delete(config);
            try {
                assertEquals(Map.of("team", "web"), images.list(none).get(0).labels(),
                        "the second listing did not read the config again");
                assertEquals(1, images.list(Filters.parse(List.of("label=team=web"), ImageService.LIST_FILTERS)).size());
            } finally {
                Files.write(config, kept);
            }
            images.remove("labelled:1", false, 0);
            assertTrue(images.list(none).isEmpty(), "a removed image is not listed from what was kept of it");
        }
    }

    /** A listing or prune that read an image's record just before an rmi finds its config gone: "no such image", not a failure. */
    @Test
    void theConfigOfAnImageRemovedMeanwhileIsNotFoundNotAnEngineFailure() throws Exception {
        try (Engine engine = TestEngines.open(root, index)) {
            importTar(engine, tar(Map.of("a", "1")), "gone:1", List.of());
            ImageService images = engine.images();
            ImageRecord seen = images.resolve("gone:1");
            images.remove("gone:1", false, 0);
            NotFoundException e = assertThrows(NotFoundException.class, () -> images.configOf(seen));
            assertTrue(e.getMessage().contains(seen.id()), e.getMessage());
        }
    }

    @Test
    void replayReproducesReferenceCountsAndVerifyNamesChanges() throws Exception {
        String id;
        String digest;
        try (Engine engine = TestEngines.open(root, index)) {
            id = importTar(engine, tar(Map.of("bin/tool", "v1", "etc/conf", "x")), "tool", List.of());
            importTar(engine, tar(Map.of("bin/tool", "v1", "etc/conf", "x")), "tool2", List.of());
            engine.images().remove("tool2", false, 0);
            digest = engine.digest();
            assertEquals(digest, engine.rebuild().after());
        }
        index.wipe();
        try (Engine engine = TestEngines.open(root, index)) {
            assertEquals(digest, engine.digest(), "replaying the journal rebuilt refcounts exactly");
            Path layer = engine.content().layers().path(io.cairn.storage.digest.Digest.parse(
                    engine.images().resolve("tool").layers().get(0)));
            Files.writeString(layer.resolve("etc/conf"), "tampered");
            var verification = engine.imageMaintenance().verify(engine.images().resolve(id));
            assertFalse(verification.ok());
            assertTrue(verification.problems().toString().contains("etc/conf"), verification.problems().toString());
            assertFalse(engine.check().ok());
        }
    }

    @Test
    void contentACrashLeftUnreferencedIsCollectedAtStart() throws Exception {
        try (Engine engine = TestEngines.open(root, index)) {
            engine.content().blobs().put("orphan".getBytes(StandardCharsets.UTF_8));
            assertEquals(1, engine.content().blobs().list().size());
        }
        try (Engine engine = TestEngines.open(root, index)) {
            assertTrue(engine.content().blobs().list().isEmpty());
        }
    }
}
