package io.cairn.engine.build.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.posix.Posix;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ADD's local archives: unpacked with their owners and modes, never outside the destination. */
class ArchivesTest {

    @TempDir
    Path dir;

    private Path tgz(String name, String... entries) throws Exception {
        Path file = dir.resolve(name);
        try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(file));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (String e : entries) {
                byte[] body = ("body of " + e).getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(e);
                entry.setSize(body.length);
                entry.setMode(0100750);
                entry.setIds(12, 34);
                tar.putArchiveEntry(entry);
                tar.write(body);
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    private static CopyItem file(String dest, Path source) {
        return new CopyItem(dest, CopyItem.Kind.FILE, Optional.of(source), Optional.empty(), "", 0644, 0, 0, 0);
    }

    @Test
    void aTarballIsUnpackedIntoTheDestinationDirectory() throws Exception {
        Path archive = tgz("a.tgz", "x/one", "two");
        Path plain = Files.writeString(dir.resolve("plain.txt"), "not an archive");
        CopyItem parent = new CopyItem("dst", CopyItem.Kind.DIRECTORY, Optional.empty(), Optional.empty(), "", 0755, 0, 0, 0);
        List<CopyItem> items = Archives.expand(List.of(parent, file("dst/a.tgz", archive), file("dst/plain.txt", plain)),
                "/dst/");
        assertEquals(CopyItem.Kind.ARCHIVE, items.get(1).kind());
        assertEquals("dst", items.get(1).dest());
        assertEquals(CopyItem.Kind.FILE, items.get(2).kind());
        Path upper = Files.createDirectories(dir.resolve("upper"));
        CopyStager.stage(items, upper);
        assertEquals("body of x/one", Files.readString(upper.resolve("dst/x/one")));
        assertFalse(Files.exists(upper.resolve("dst/a.tgz")));
        var st = Posix.lstat(upper.resolve("dst/two"));
        assertEquals(12, st.uid());
        assertEquals(34, st.gid());
        assertEquals(0750, st.permissions());
        assertTrue(Files.exists(upper.resolve("dst/plain.txt")));
    }

    @Test
    void anEntryThatClimbsOutIsRefused() throws Exception {
        Path archive = tgz("evil.tgz", "ok", "../../escape");
        List<CopyItem> items = Archives.expand(List.of(file("d/evil.tgz", archive)), "/d/");
        Path upper = Files.createDirectories(dir.resolve("upper"));
        CopyException e = assertThrows(CopyException.class, () -> CopyStager.stage(items, upper));
        assertEquals("ADD evil.tgz: entry \"../../escape\": name has a '..' component: ../../escape", e.getMessage());
        assertFalse(Files.exists(dir.resolve("escape")));
    }
}
