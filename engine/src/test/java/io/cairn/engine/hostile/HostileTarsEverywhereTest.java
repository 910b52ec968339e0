package io.cairn.engine.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cairn.engine.build.ContextArchive;
import io.cairn.engine.build.copy.Archives;
import io.cairn.engine.build.copy.CopyItem;
import io.cairn.engine.build.copy.CopyStager;
import io.cairn.engine.image.archive.ArchiveStager;
import io.cairn.storage.layer.HostileTars;
import io.cairn.storage.layer.LayerSpec;
import io.cairn.storage.layer.LayerUnpacker;
import io.cairn.storage.layer.LocalLayerStore;
import io.cairn.storage.posix.Posix;
import io.cairn.storage.posix.Stat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, B1: every case of the hostile tar corpus through every path that extracts a tar —
 * layer unpacking, the layer store (import, load's layers), image archives (load), ADD of a local
 * archive and a build-context tar. Whatever a path decides, nothing outside its target is
 * written, chmodded, linked into or replaced; what the corpus marks REFUSED is refused everywhere
 * with a message, and a refused extraction leaves nothing behind.
 */
class HostileTarsEverywhereTest {

    /** One extraction path: runs the tar into {@code target} (absent; its parent exists). */
    enum Via {
        LAYER {
            @Override
            void run(byte[] tar, Path target, Path scratch) throws Exception {
                LayerUnpacker.unpack(new ByteArrayInputStream(tar), target, Optional.empty());
            }
        },
        STORE {
            @Override
            void run(byte[] tar, Path target, Path scratch) throws Exception {
                LocalLayerStore store = new LocalLayerStore(target, scratch);
                store.register(new ByteArrayInputStream(tar), LayerSpec.base());
            }
        },
        LOAD_ARCHIVE {
            @Override
            void run(byte[] tar, Path target, Path scratch) throws Exception {
                new ArchiveStager(n -> { }).stage(new ByteArrayInputStream(HostileTars.gzip(tar)), target);
            }
        },
        ADD {
            @Override
            void run(byte[] tar, Path target, Path scratch) throws Exception {
                Path file = Files.write(scratch.resolve("a.tar"), tar);
                List<CopyItem> items = Archives.expand(List.of(new CopyItem("d/a.tar", CopyItem.Kind.FILE,
                        Optional.of(file), Optional.empty(), "", 0644, 0, 0, 0)), "/d/");
                assertEquals(CopyItem.Kind.ARCHIVE, items.get(0).kind(), "ADD takes it for an archive");
                Files.createDirectory(target);
                CopyStager.stage(items, target);
            }
        },
        CONTAINER_CP {
            /** {@code PUT /containers/{id}/archive}: into a directory that holds files, through its descriptor. */
            @Override
            void run(byte[] tar, Path target, Path scratch) throws Exception {
                Files.createDirectories(target.resolve("usr"));
                Files.writeString(target.resolve("usr/existing"), "container file");
                try (io.cairn.storage.posix.Beneath dir = io.cairn.storage.posix.InRoot.of(target).openDirectory("/")) {
                    io.cairn.engine.container.ContainerArchive.extractInto(dir, new ByteArrayInputStream(tar), true, true);
                }
            }
        },
        CONTEXT {
            @Override
            void run(byte[] tar, Path target, Path scratch) throws Exception {
                Files.createDirectory(target);
                ContextArchive.unpack(new ByteArrayInputStream(tar), target).close();
            }
        };

        abstract void run(byte[] tar, Path target, Path scratch) throws Exception;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (HostileTars.Case c : HostileTars.all()) {
            for (Via via : Via.values()) {
                out.add(Arguments.of(via, c));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void nothingOutsideIsReached(Via via, HostileTars.Case c, @TempDir Path sandbox) throws Exception {
        assertTrue(HostileTars.all().size() >= 40, "the corpus holds at least forty attacks");
        Path outside = Files.createDirectory(sandbox.resolve("outside"));
        Files.writeString(outside.resolve("file"), "original");
        Files.createDirectory(outside.resolve("sub"));
        Posix.chmod(outside, 0700);
        Path scratch = Files.createDirectory(sandbox.resolve("scratch"));
        Path target = sandbox.resolve("target");
        byte[] tar = c.tar().apply(outside.toString());
        List<String> before = snapshot(outside);

        Throwable refused = null;
        try {
            via.run(tar, target, scratch);
        } catch (Exception e) {
            refused = e;
        }

        assertEquals(before, snapshot(outside), "nothing outside changed");
        assertEquals(Set.of(), shared(target, outside), "no inode of outside is linked into the target");
        if (c.kind() == HostileTars.Kind.REFUSED) {
            if (refused == null) {
                fail(via + " accepted " + c.name());
            }
            assertNotNull(refused.getMessage(), refused.toString());
            assertFalse(refused.getMessage().isBlank());
            assertFalse(refused instanceof NullPointerException || refused instanceof ClassCastException, refused.toString());
            if (via == Via.LAYER) {
                assertFalse(Files.exists(target), "a refused layer leaves nothing");
            }
            if (via == Via.CONTEXT || via == Via.LOAD_ARCHIVE) {
                try (Stream<Path> left = Files.list(target)) {
                    assertEquals(List.of(), left.toList(), "a refused archive leaves nothing");
                }
            }
        }
    }

    /** Type, mode, owner, size, mtime, inode and content digest of everything under {@code dir}. */
    private static List<String> snapshot(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                Stat st = Posix.lstat(p);
                String content = st.isRegularFile() ? sha(Files.readAllBytes(p)) : "-";
                lines.add(dir.relativize(p) + " " + Integer.toOctalString(st.mode()) + " " + st.uid() + ":" + st.gid()
                        + " " + st.size() + " " + st.mtimeSeconds() + "." + st.mtimeNanos() + " " + st.ino()
                        + " " + st.nlink() + " " + content);
            }
        }
        return lines;
    }

    private static Set<Long> shared(Path target, Path outside) throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (Stream<Path> s = Files.walk(outside)) {
            for (Path p : s.toList()) {
                inodes.add(Posix.lstat(p).ino());
            }
        }
        Set<Long> found = new HashSet<>();
        if (!Files.exists(target)) {
            return found;
        }
        try (Stream<Path> s = Files.walk(target)) {
            for (Path p : s.toList()) {
                long ino = Posix.lstat(p).ino();
                if (inodes.contains(ino) && Posix.lstat(p).dev() == Posix.lstat(outside).dev()) {
                    found.add(ino);
                }
            }
        }
        return found;
    }

    private static String sha(byte[] b) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }
}
