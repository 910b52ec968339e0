package io.cairn.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.Engine;
import io.cairn.engine.TestEngines;
import io.cairn.storage.layer.TreeManifest;
import io.cairn.storage.posix.Posix;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ImageCommitter#build}: a layer the store takes (an owned upper) is the same image, byte for
 * byte, as one made by packing and unpacking a copy, and a refused tree leaves nothing behind.
 */
class ImageCommitterTest {
    private static final long EPOCH = 1_700_000_000L;

    @TempDir
    Path root;

    /** A staged tree: files newer than the epoch, a nanosecond mtime, an overlay xattr. */
    private static Path upper(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(dir.resolve("src/a"), "a\n");
        Files.writeString(dir.resolve("src/sub/b"), "b\n");
        Files.createSymbolicLink(dir.resolve("src/link"), Path.of("a"));
        Posix.setXattr(dir.resolve("src"), "trusted.overlay.impure", new byte[] {'y'});
        Posix.setTimes(dir.resolve("src/a"), EPOCH - 5, 42);
        return dir;
    }

    private static String build(Engine engine, String parent, ImageCommitter.Upper upper) {
        ImageRecord base = engine.images().resolve(parent);
        Map<String, Object> config = new LinkedHashMap<>(ImageContent.JSON.convertValue(engine.images().configOf(base),
                LinkedHashMap.class));
        config.put("created", "2023-11-14T22:13:20Z");
        List<Object> history = new ArrayList<>((List<?>) config.getOrDefault("history", List.of()));
        history.add(Map.of("created", "2023-11-14T22:13:20Z", "created_by", "COPY src /src"));
        config.put("history", history);
        return new ImageCommitter(engine.images(), engine.root().tmp()).build(Optional.of(base), Optional.of(upper),
                config, Optional.of(EPOCH), List.of(), id -> List.of(), 0);
    }

    private static String topDiffId(Engine engine, ImageRecord image) {
        var ids = engine.images().configOf(image).path("rootfs").path("diff_ids");
        return ids.get(ids.size() - 1).asText();
    }

    private static ImageRecord image(Engine engine, String id) {
        return engine.images().resolve(id);
    }

    private static String base(Engine engine) {
        return new ImageImporter(engine.images(), engine.root().tmp()).importRootfs(
                new ByteArrayInputStream(tarOf("etc/hostname", "bb\n")), Optional.of("base"), Map.of(), null, 0);
    }

    private static byte[] tarOf(String name, String content) {
        try {
            return ImageServiceTest.tar(Map.of(name, content));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** relative path → "seconds.nanos" of every entry below the root (the root is a fresh directory in both) */
    private static Map<String, String> mtimes(Path layer) throws Exception {
        Map<String, String> out = new java.util.TreeMap<>();
        try (Stream<Path> s = Files.walk(layer)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!p.equals(layer)) {
                    var st = Posix.lstat(p);
                    out.put(layer.relativize(p).toString(), st.mtimeSeconds() + "." + st.mtimeNanos());
                }
            }
        }
        return out;
    }

    @Test
    void anOwnedUpperGivesTheImageThatPackingACopyGives() throws Exception {
        String owned;
        String borrowed;
        Path ownedLayer;
        Path borrowedLayer;
        Path kept = upper(root.resolve("kept"));
        try (Engine a = TestEngines.open(root.resolve("a"), new TestEngines.MemoryLocation())) {
            base(a);
            Path staged = upper(Files.createTempDirectory(a.root().tmp(), "copy-"));
            owned = build(a, "base", ImageCommitter.Upper.owned(staged));
            assertFalse(Files.exists(staged), "the store took the staged tree");
            ImageRecord image = a.images().resolve(owned);
            ownedLayer = a.images().layerPath(image.layers().get(image.layers().size() - 1));
            assertEquals(EPOCH, Posix.lstat(ownedLayer.resolve("src/sub/b")).mtimeSeconds(), "clamped on disk too");
            assertEquals(0, Posix.lstat(ownedLayer.resolve("src/a")).mtimeNanos());
            assertEquals(Optional.empty(), Posix.getXattr(ownedLayer.resolve("src"), "trusted.overlay.impure"));
            assertEquals(List.of(), a.imageMaintenance().check(new ArrayList<>()), "the layer's tree matches what the index recorded");
            try (Stream<Path> left = Files.list(a.root().tmp())) {
                assertEquals(List.of(), left.toList(), "no staging left");
            }
            try (Engine b = TestEngines.open(root.resolve("b"), new TestEngines.MemoryLocation())) {
                base(b);
                borrowed = build(b, "base", ImageCommitter.Upper.borrowed(kept));
                ImageRecord other = b.images().resolve(borrowed);
                borrowedLayer = b.images().layerPath(other.layers().get(other.layers().size() - 1));
                // the bases differ (their tars hold the import time): compare the new layers' diffIDs
                assertEquals(topDiffId(b, other), topDiffId(a, image(a, owned)), "the same layer tar");
                assertEquals(TreeManifest.of(borrowedLayer), TreeManifest.of(ownedLayer));
                assertEquals(mtimes(borrowedLayer), mtimes(ownedLayer));
            }
        }
        assertTrue(Files.isRegularFile(kept.resolve("src/a")), "a borrowed upper is only read");
    }

    @Test
    void aTreeTheUnpackerWouldRefuseIsRefusedAndLeavesNoImage() throws Exception {
        try (Engine a = TestEngines.open(root.resolve("a"), new TestEngines.MemoryLocation())) {
            base(a);
            int before = a.images().list(true, io.cairn.api.Filters.none()).size();
            Path staged = upper(Files.createTempDirectory(a.root().tmp(), "copy-"));
            Files.createSymbolicLink(staged.resolve("src/out"), Path.of("../../../etc/passwd"));
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> build(a, "base", ImageCommitter.Upper.owned(staged)));
            assertTrue(String.valueOf(e.getMessage()).contains("src/out"), String.valueOf(e.getMessage()));
            assertEquals(before, a.images().list(true, io.cairn.api.Filters.none()).size());
            assertEquals(List.of(), a.imageMaintenance().check(new ArrayList<>()));
        }
    }

    /**
     * A borrowed tree is packed into the blob store while the same bytes are unpacked: when the
     * unpacker refuses the tar (an escaping symlink, which the plain packer writes as it is), the
     * blob the packer stored is deleted again, no layer and no staging stay, and the tree is intact.
     */
    @Test
    void aBorrowedTreeTheUnpackerRefusesLeavesNoBlobLayerOrStaging() throws Exception {
        try (Engine a = TestEngines.open(root.resolve("a"), new TestEngines.MemoryLocation())) {
            base(a);
            List<?> blobs = a.images().content().blobs().list();
            List<?> layers = a.images().content().layers().list();
            Path kept = upper(root.resolve("kept"));
            for (int i = 0; i < 300; i++) { // enough bytes that the packer is still writing when the refusal comes
                Files.write(kept.resolve("src/f" + i), new byte[8192]);
            }
            Files.createSymbolicLink(kept.resolve("src/aaa-out"), Path.of("../../../etc/passwd"));
            RuntimeException e = assertThrows(RuntimeException.class,
                    () -> build(a, "base", ImageCommitter.Upper.borrowed(kept)));
            assertTrue(String.valueOf(e.getMessage()).contains("aaa-out"), String.valueOf(e.getMessage()));
            assertEquals(blobs, a.images().content().blobs().list());
            assertEquals(layers, a.images().content().layers().list());
            try (Stream<Path> left = Files.list(a.root().tmp())) {
                assertEquals(List.of(), left.toList(), "no staging left");
            }
            assertTrue(Files.isSymbolicLink(kept.resolve("src/aaa-out")), "a borrowed upper is only read");
            assertEquals(List.of(), a.imageMaintenance().check(new ArrayList<>()));
        }
    }
}
