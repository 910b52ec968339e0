package io.cairn.engine.build.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.dockerfile.dockerignore.PatternMatcher;
import io.cairn.storage.posix.Posix;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's trust boundary (issue 10, A1–A3): a hostile context or ADD archive never writes,
 * chmods or reads a host file outside the staging directory and the context. Each test is the
 * attack the audit reproduced against main.
 */
class CopyBoundaryTest {

    @TempDir
    Path dir;
    Path context;
    Path host;
    Path upper;

    @BeforeEach
    void setUp() throws IOException {
        context = Files.createDirectories(dir.resolve("ctx"));
        host = Files.createDirectories(dir.resolve("host"));
        upper = Files.createDirectories(dir.resolve("upper"));
    }

    private List<CopyItem> plan(String dest, String... sources) throws IOException {
        ContextTree tree = new ContextTree(context, PatternMatcher.none());
        List<CopyPlanner.Source> srcs = Stream.of(sources)
                .map(s -> (CopyPlanner.Source) new CopyPlanner.Source.Path(s)).toList();
        return new CopyPlanner(tree, MergedTree.empty(), new Ownership(Optional.empty(), Optional.empty()), 42)
                .plan(srcs, dest, "COPY");
    }

    private void stage(List<CopyItem> items) throws IOException {
        CopyStager.stage(items, upper);
    }

    private List<Path> hostFiles() throws IOException {
        try (Stream<Path> s = Files.walk(host)) {
            return s.skip(1).toList();
        }
    }

    /** A1: `COPY d x /dst/` with d/x/f and x -> host dir used to drop a setuid file into the host dir. */
    @Test
    void aSymlinkThatReplacesADirectoryDropsWhatWasPlannedBelowIt() throws Exception {
        Files.createDirectories(context.resolve("d/x"));
        Path f = Files.writeString(context.resolve("d/x/f"), "payload");
        Posix.chmod(f, 04755);
        Files.createSymbolicLink(context.resolve("x"), host);
        List<CopyItem> items = plan("/dst/", "d", "x");
        assertTrue(items.stream().noneMatch(i -> i.dest().startsWith("dst/x/")), items.toString());
        stage(items);
        assertEquals(List.of(), hostFiles());
        assertTrue(Files.isSymbolicLink(upper.resolve("dst/x")));
        assertEquals(host.toString(), Files.readSymbolicLink(upper.resolve("dst/x")).toString());
    }

    /** A1, the staging half: even a plan with an item below a symlink never writes through it. */
    @Test
    void stagingNeverWritesThroughASymlinkItMade() throws Exception {
        Path src = Files.writeString(dir.resolve("src"), "payload");
        Files.writeString(host.resolve("victim"), "original");
        List<CopyItem> items = List.of(
                new CopyItem("x", CopyItem.Kind.SYMLINK, Optional.empty(), Optional.empty(), host.toString(), 0777,
                        0, 0, 1),
                new CopyItem("x/victim", CopyItem.Kind.FILE, Optional.of(src), Optional.empty(), "", 04755, 0, 0, 1));
        assertThrows(IOException.class, () -> stage(items));
        assertEquals("original", Files.readString(host.resolve("victim")));
        assertEquals(0, Posix.lstat(host.resolve("victim")).permissions() & 04000);
    }

    /** A3: a context symlink to / means the context's root, as in Docker, never the host's. */
    @Test
    void contextPathsResolveInsideTheContext() throws Exception {
        Files.writeString(host.resolve("secret"), "host secret");
        Files.createSymbolicLink(context.resolve("hostroot"), Path.of("/"));
        String rel = "hostroot" + host.resolve("secret");
        CopyException e = assertThrows(CopyException.class, () -> plan("/x", rel));
        assertTrue(e.getMessage().contains("not found in the build context"), e.getMessage());

        // the same name inside the context is what the link means there
        Path inside = Files.createDirectories(context.resolve(host.toString().substring(1)));
        Files.writeString(inside.resolve("secret"), "context file");
        List<CopyItem> items = plan("/x", rel);
        stage(items);
        assertEquals("context file", Files.readString(upper.resolve("x")));
    }

    /** A3: a relative link that climbs out of the context is clamped at its root. */
    @Test
    void aClimbingContextLinkStaysInTheContext() throws Exception {
        Files.writeString(host.resolve("secret"), "host secret");
        Files.createSymbolicLink(context.resolve("up"), Path.of("../../../../../../../.."));
        String rel = "up" + host.resolve("secret");
        assertThrows(CopyException.class, () -> plan("/x", rel));
        Files.createDirectories(context.resolve("sub"));
        Files.createSymbolicLink(context.resolve("sub/up"), Path.of("../host"));
        assertThrows(CopyException.class, () -> plan("/x", "sub/up/secret"));
    }

    private Path tar(String name, TarArchiveEntry... entries) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (TarArchiveEntry e : entries) {
                tar.putArchiveEntry(e);
                if (e.isFile()) {
                    tar.write(new byte[(int) e.getSize()]);
                }
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    private void add(Path archive) throws IOException {
        List<CopyItem> items = Archives.expand(List.of(new CopyItem("d/a.tar", CopyItem.Kind.FILE,
                Optional.of(archive), Optional.empty(), "", 0644, 0, 0, 0)), "/d/");
        CopyStager.stage(items, upper);
    }

    /** A2: a directory entry after a symlink of the same name used to chmod the host directory. */
    @Test
    void anAddArchiveCannotChmodAHostDirectoryThroughASymlink() throws Exception {
        Posix.chmod(host, 0700);
        TarArchiveEntry link = new TarArchiveEntry("s", TarArchiveEntry.LF_SYMLINK);
        link.setLinkName(host.toString());
        TarArchiveEntry d = new TarArchiveEntry("s/");
        d.setMode(040777);
        add(tar("a.tar", link, d));
        assertEquals(0700, Posix.lstat(host).permissions());
        assertTrue(Files.isDirectory(upper.resolve("d/s"), LinkOption.NOFOLLOW_LINKS));
    }

    /** A2: a hard link through a symlink used to link a host inode into the layer. */
    @Test
    void anAddArchiveCannotHardLinkAHostFile() throws Exception {
        Files.writeString(host.resolve("secret"), "host secret");
        TarArchiveEntry link = new TarArchiveEntry("s", TarArchiveEntry.LF_SYMLINK);
        link.setLinkName(host.toString());
        TarArchiveEntry h = new TarArchiveEntry("h", TarArchiveEntry.LF_LINK);
        h.setLinkName("s/secret");
        CopyException e = assertThrows(CopyException.class, () -> add(tar("b.tar", link, h)));
        assertEquals("ADD b.tar: entry \"h\": path climbs through the symlink 'd/s'", e.getMessage());
        assertFalse(Files.exists(upper.resolve("d/h")));
        assertEquals(1, Posix.lstat(host.resolve("secret")).nlink());
    }

    /** A2: writing a file through a symlink an earlier entry made. */
    @Test
    void anAddArchiveCannotWriteThroughASymlink() throws Exception {
        TarArchiveEntry link = new TarArchiveEntry("s", TarArchiveEntry.LF_SYMLINK);
        link.setLinkName(host.toString());
        TarArchiveEntry f = new TarArchiveEntry("s/dropped");
        f.setSize(3);
        CopyException e = assertThrows(CopyException.class, () -> add(tar("c.tar", link, f)));
        assertEquals("ADD c.tar: entry \"s/dropped\": path climbs through the symlink 'd/s'", e.getMessage());
        assertEquals(List.of(), hostFiles());
    }

    /** ADD keeps working for ordinary archives, merged into what COPY staged before it. */
    @Test
    void anOrdinaryArchiveStillUnpacks() throws Exception {
        TarArchiveEntry d = new TarArchiveEntry("sub/");
        d.setMode(040750);
        TarArchiveEntry f = new TarArchiveEntry("sub/file");
        f.setSize(3);
        f.setMode(0100640);
        f.setIds(7, 8);
        add(tar("ok.tar", d, f));
        assertEquals(0750, Posix.lstat(upper.resolve("d/sub")).permissions());
        var st = Posix.lstat(upper.resolve("d/sub/file"));
        assertEquals(0640, st.permissions());
        assertEquals(7, st.uid());
        assertEquals(3, st.size());
        assertEquals(new String(new byte[3], StandardCharsets.UTF_8), Files.readString(upper.resolve("d/sub/file")));
    }
}
