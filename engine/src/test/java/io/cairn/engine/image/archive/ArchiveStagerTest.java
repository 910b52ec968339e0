package io.cairn.engine.image.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArchiveStagerTest {

    @TempDir
    Path temp;

    private Path stage;
    private Path outside;

    @BeforeEach
    void setUp() throws IOException {
        stage = temp.resolve("stage");
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("marker"), "untouched");
    }

    private ArchiveStager.Staged stage(byte[] archive, List<Long> progress) throws IOException {
        return new ArchiveStager(progress::add).stage(new ByteArrayInputStream(archive), stage);
    }

    private static byte[] dockerLegacyArchive() {
        return new TarBuilder()
                .dir("aaa").file("aaa/layer.tar", "layer-bytes").file("aaa/VERSION", "1.0")
                .dir("bbb").symlink("bbb/layer.tar", "../aaa/layer.tar")
                .file("manifest.json", "[]")
                .build();
    }

    @Test
    void stagesPlainArchivesWithInsideSymlinks() throws IOException {
        byte[] archive = dockerLegacyArchive();
        List<Long> progress = new ArrayList<>();
        ArchiveStager.Staged staged = stage(archive, progress);
        assertEquals(6, staged.entries());
        assertEquals(archive.length, staged.archiveBytes());
        assertEquals(List.of((long) archive.length), progress, "one report at the end of a small archive");
        assertEquals("layer-bytes", Files.readString(stage.resolve("bbb/layer.tar")));
        assertTrue(Files.isSymbolicLink(stage.resolve("bbb/layer.tar")));
        assertEquals("[]", Files.readString(stage.resolve("manifest.json")));
    }

    @Test
    void stagesGzipArchivesAndReportsCompressedBytes() throws IOException {
        byte[] big = new byte[3 << 20];
        new java.util.Random(7).nextBytes(big);
        byte[] archive = TarBuilder.gzip(new TarBuilder().dir("./").file("./blobs/x", big).build());
        List<Long> progress = new ArrayList<>();
        ArchiveStager.Staged staged = stage(archive, progress);
        assertArrayEquals(big, Files.readAllBytes(stage.resolve("blobs/x")));
        assertEquals(archive.length, staged.archiveBytes());
        assertTrue(progress.size() >= 3, "reports about every MiB: " + progress);
        assertEquals((long) archive.length, progress.get(progress.size() - 1));
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) > progress.get(i - 1), "progress increases: " + progress);
        }
    }

    private static int indexOf(byte[] haystack, String needle) {
        int at = new String(haystack, StandardCharsets.ISO_8859_1).indexOf(needle);
        assertTrue(at > 0, needle);
        return at;
    }

    @Test
    void stagesZstdArchives() throws IOException {
        java.io.ByteArrayOutputStream zst = new java.io.ByteArrayOutputStream();
        try (var out = new org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream(zst)) {
            out.write(dockerLegacyArchive());
        }
        ArchiveStager.Staged staged = stage(zst.toByteArray(), new ArrayList<>());
        assertEquals(6, staged.entries());
        assertEquals("layer-bytes", Files.readString(stage.resolve("bbb/layer.tar")));
    }

    static Stream<Arguments> hostile() {
        byte[] valid = dockerLegacyArchive();
        byte[] gz = TarBuilder.gzip(new TarBuilder().file("a", "x".repeat(100_000)).build());
        return Stream.of(
                Arguments.of("parent traversal", new TarBuilder().file("../evil", "x").build(),
                        "image archive entry \"../evil\" has a \"..\" component"),
                Arguments.of("inner traversal", new TarBuilder().dir("a").file("a/../../evil", "x").build(),
                        "\"a/../../evil\" has a \"..\" component"),
                Arguments.of("absolute name", new TarBuilder().file("/etc/evil", "x").build(),
                        "\"/etc/evil\" is an absolute path"),
                Arguments.of("absolute symlink", new TarBuilder().symlink("l", "/etc/passwd").build(),
                        "entry \"l\" symlink target \"/etc/passwd\" must be a relative path"),
                Arguments.of("escaping symlink", new TarBuilder().dir("d").symlink("d/l", "../../outside").build(),
                        "entry \"d/l\" symlink target escapes the layer: ../../outside"),
                Arguments.of("symlink chain escaping", new TarBuilder().dir("a/b")
                                .symlink("a/b/s", "../..").symlink("a/b/l", "s/..").build(),
                        "entry \"a/b/l\" symlink target escapes the layer: s/.. (resolved through the links"),
                Arguments.of("write through symlink", new TarBuilder().dir("d").symlink("l", "d")
                                .file("l/f", "x").build(),
                        "entry \"l/f\" path climbs through the symlink 'l'"),
                Arguments.of("hard link", new TarBuilder().file("a", "x").hardlink("b", "a").build(),
                        "entry \"b\" hard links are not allowed"),
                Arguments.of("char device", new TarBuilder().special("dev", TarConstants.LF_CHR).build(),
                        "entry \"dev\" device node (char 0:0) is not allowed"),
                Arguments.of("block device", new TarBuilder().special("blk", TarConstants.LF_BLK).build(),
                        "entry \"blk\" device node (block 0:0) is not allowed"),
                Arguments.of("fifo", new TarBuilder().special("p", TarConstants.LF_FIFO).build(),
                        "entry \"p\" fifo is not allowed"),
                Arguments.of("duplicate", new TarBuilder().file("a", "1").file("a", "2").build(),
                        "entry \"a\" appears twice"),
                Arguments.of("file then dir", new TarBuilder().file("a", "1").dir("a").build(),
                        "entry \"a/\" is a directory but an earlier entry made it a file"),
                Arguments.of("tar cut in a header", Arrays.copyOf(valid, indexOf(valid, "aaa/VERSION") + 3),
                        "truncated after entry \"aaa/layer.tar\""),
                Arguments.of("tar cut in a file", Arrays.copyOf(valid, indexOf(valid, "layer-bytes") + 5),
                        "truncated after entry \"aaa/layer.tar\""),
                Arguments.of("truncated gzip", Arrays.copyOf(gz, gz.length / 2), "corrupt or truncated"),
                Arguments.of("not a tar", "hello, this is not a tar archive at all".repeat(20)
                        .getBytes(StandardCharsets.UTF_8), "image archive"),
                Arguments.of("empty", new byte[0], "image archive is empty or not a tar archive"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void refusesHostileArchivesAndLeavesNothing(String title, byte[] archive, String message) throws IOException {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> stage(archive, new ArrayList<>()));
        assertTrue(e.getMessage().contains(message), title + ": " + e.getMessage());
        try (Stream<Path> left = Files.list(stage)) {
            assertEquals(List.of(), left.toList(), "the staging directory is emptied");
        }
        try (Stream<Path> all = Files.walk(temp)) {
            assertEquals(Stream.of(temp, stage, outside, outside.resolve("marker")).sorted().toList(), all.sorted().toList(),
                    "nothing was written outside the staging directory");
        }
        assertEquals("untouched", Files.readString(outside.resolve("marker")));
    }

    @Test
    void refusesANonEmptyStagingDirectory() throws IOException {
        Files.createDirectories(stage);
        Files.writeString(stage.resolve("old"), "x");
        assertThrows(IllegalArgumentException.class, () -> stage(dockerLegacyArchive(), new ArrayList<>()));
        assertEquals("x", Files.readString(stage.resolve("old")));
    }
}
