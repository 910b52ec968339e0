package io.cairn.storage.index.rocks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksNativeLibraryTest {

    @TempDir
    Path tmp;

    @Test
    void extractWritesTheLibraryAndItsStampOnce() throws Exception {
        Path dir = tmp.resolve("native");
        Path lib = RocksNativeLibrary.extractTo(dir);
        assertEquals(dir.resolve(RocksNativeLibrary.fileName()), lib);
        assertTrue(Files.size(lib) > 1_000_000, "size " + Files.size(lib));
        assertTrue(RocksNativeLibrary.isCurrent(dir));
        assertEquals(RocksNativeLibrary.jarStamp(),
                Files.readString(dir.resolve(RocksNativeLibrary.fileName() + RocksNativeLibrary.STAMP_SUFFIX)));

        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(lib, old);
        RocksNativeLibrary.extractTo(dir);
        assertEquals(old, Files.getLastModifiedTime(lib), "an up-to-date copy is not rewritten");
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "library, loader link and stamp; no temp files left behind");
        }
    }

    @Test
    void aStaleOrTruncatedCopyIsNotCurrentAndIsReplaced() throws Exception {
        Path dir = tmp.resolve("native");
        Path lib = RocksNativeLibrary.extractTo(dir);
        Path stamp = dir.resolve(RocksNativeLibrary.fileName() + RocksNativeLibrary.STAMP_SUFFIX);
        Files.writeString(stamp, "123 abc");
        assertFalse(RocksNativeLibrary.isCurrent(dir));
        RocksNativeLibrary.extractTo(dir);
        assertTrue(RocksNativeLibrary.isCurrent(dir));

        try (var ch = java.nio.channels.FileChannel.open(lib, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(1000);
        }
        assertFalse(RocksNativeLibrary.isCurrent(dir), "a truncated library is not current");
        RocksNativeLibrary.extractTo(dir);
        Files.delete(dir.resolve(RocksNativeLibrary.loaderFileName()));
        assertFalse(RocksNativeLibrary.isCurrent(dir), "without the name RocksDB looks for, not current");
        RocksNativeLibrary.extractTo(dir);
        assertTrue(RocksNativeLibrary.isCurrent(dir));
        Files.delete(stamp);
        assertFalse(RocksNativeLibrary.isCurrent(dir));
    }

    @Test
    void aJvmGivenThePreExtractedDirectoryMapsItAndExtractsNothing() throws Exception {
        Path dir = tmp.resolve("native");
        RocksNativeLibrary.main(new String[] {dir.toString()});
        Path jvmTmp = Files.createDirectory(tmp.resolve("jvm-tmp"));

        List<String> out = runProbe(dir, jvmTmp);

        assertTrue(out.contains("value=v"), out.toString());
        Path lib = dir.resolve(RocksNativeLibrary.fileName()).toAbsolutePath();
        assertTrue(out.contains("loadedFrom=" + lib), out.toString());
        assertTrue(out.contains("mapped=" + lib), out.toString());
        try (var files = Files.list(jvmTmp)) {
            assertEquals(List.of(), files.toList(), "nothing extracted to java.io.tmpdir");
        }
    }

    @Test
    void aJvmGivenAStaleDirectoryFallsBackToTheJar() throws Exception {
        Path dir = tmp.resolve("native");
        RocksNativeLibrary.extractTo(dir);
        Files.writeString(dir.resolve(RocksNativeLibrary.fileName() + RocksNativeLibrary.STAMP_SUFFIX), "1 0");
        Path jvmTmp = Files.createDirectory(tmp.resolve("jvm-tmp"));

        List<String> out = runProbe(dir, jvmTmp);

        assertTrue(out.contains("value=v"), out.toString());
        assertTrue(out.contains("loadedFrom=null"), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.startsWith("mapped=" + jvmTmp)), out.toString());
    }

    private List<String> runProbe(Path nativeDir, Path jvmTmp) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-D" + RocksNativeLibrary.DIR_PROPERTY + "=" + nativeDir,
                "-Djava.io.tmpdir=" + jvmTmp,
                "-cp", System.getProperty("java.class.path"),
                NativeLoadProbe.class.getName(), tmp.resolve("index").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), output);
        return output.lines().toList();
    }
}
