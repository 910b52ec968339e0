package io.cairn.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.Exec;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 A1–A3 through {@code cairn build}, as the audit reproduced them: a hostile context
 * (directory or tar) or ADD archive never writes, chmods or reads a host file.
 */
class BuildBoundaryIT extends BuildRoot {

    Path host;

    @BeforeEach
    void hostDirectory() throws Exception {
        host = Files.createTempDirectory("cairn-boundary-host-");
        Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(host.resolve("secret"), "host secret\n");
    }

    @AfterEach
    void removeHostDirectory() throws Exception {
        try (Stream<Path> s = Files.walk(host)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private List<String> hostEntries() throws Exception {
        try (Stream<Path> s = Files.list(host)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aContextSymlinkThatReplacesADirectoryWritesNothingOnTheHost() throws Exception {
        write("d/x/f", "payload\n");
        assertEquals(0, Exec.run(List.of("chmod", "4755", ctx.resolve("d/x/f").toString())).exit());
        Files.createSymbolicLink(ctx.resolve("x"), host);
        write("Dockerfile", "FROM bb\nCOPY d x /dst/\n");
        ok(build("-q", "-t", "boundary:a1"));
        assertEquals(List.of("secret"), hostEntries(), "nothing landed in the host directory");
        String link = ok(cairn.run("run", "--rm", "boundary:a1", "readlink", "/dst/x"));
        assertEquals(host + "\n", link, "the link is copied as a link, as Docker does");
        ok(cairn.run("rmi", "boundary:a1"));
    }

    @Test
    void theSameAttackFromAContextTar() throws Exception {
        Path tar = Files.createTempFile("cairn-boundary-ctx-", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(tar); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
                byte[] df = "FROM bb\nCOPY d x /dst/\n".getBytes();
                TarArchiveEntry e = new TarArchiveEntry("Dockerfile");
                e.setSize(df.length);
                t.putArchiveEntry(e);
                t.write(df);
                t.closeArchiveEntry();
                t.putArchiveEntry(new TarArchiveEntry("d/x/"));
                t.closeArchiveEntry();
                TarArchiveEntry f = new TarArchiveEntry("d/x/dropped");
                f.setMode(0104755);
                f.setSize(3);
                t.putArchiveEntry(f);
                t.write(new byte[] {'a', 'b', '\n'});
                t.closeArchiveEntry();
                TarArchiveEntry l = new TarArchiveEntry("x", TarArchiveEntry.LF_SYMLINK);
                l.setLinkName(host.toString());
                t.putArchiveEntry(l);
                t.closeArchiveEntry();
            }
            Exec.Result r = cairn.run(Map.of(), tar, "build", "-q", "-t", "boundary:a1tar", "-");
            ok(r);
            assertEquals(List.of("secret"), hostEntries());
            ok(cairn.run("rmi", "boundary:a1tar"));
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    @Test
    void aContextLinkToTheRootMeansTheContextsRoot() throws Exception {
        Files.createSymbolicLink(ctx.resolve("hostroot"), Path.of("/"));
        write("Dockerfile", "FROM bb\nCOPY hostroot" + host.resolve("secret") + " /stolen\n");
        Exec.Result r = build("-q", "-t", "boundary:a3");
        assertNotEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("not found in the build context"), r.err());

        // what the link names inside the context is what is copied
        write(host.resolve("secret").toString().substring(1), "the context's own\n");
        ok(build("-q", "-t", "boundary:a3"));
        assertEquals("the context's own\n", ok(cairn.run("run", "--rm", "boundary:a3", "cat", "/stolen")));
        ok(cairn.run("rmi", "boundary:a3"));
    }

    @Test
    void aDockerignoreLinkDoesNotReadAHostFile() throws Exception {
        Files.writeString(host.resolve("patterns"), "[invalid\n");
        Files.createSymbolicLink(ctx.resolve(".dockerignore"), host.resolve("patterns"));
        write("Dockerfile", "FROM bb\nRUN true\n");
        Exec.Result r = build("-q", "-t", "boundary:ignore");
        assertEquals(0, r.exit(), "the link is not followed, so its malformed target is never parsed: " + r);
        ok(cairn.run("rmi", "boundary:ignore"));
    }

    @Test
    void anAddArchiveCannotChmodOrLinkHostFiles() throws Exception {
        Path a = ctx.resolve("a.tar");
        try (OutputStream out = Files.newOutputStream(a); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            TarArchiveEntry l = new TarArchiveEntry("s", TarArchiveEntry.LF_SYMLINK);
            l.setLinkName(host.toString());
            t.putArchiveEntry(l);
            t.closeArchiveEntry();
            TarArchiveEntry d = new TarArchiveEntry("s/");
            d.setMode(040777);
            t.putArchiveEntry(d);
            t.closeArchiveEntry();
        }
        write("Dockerfile", "FROM bb\nADD a.tar /d/\n");
        ok(build("-q", "-t", "boundary:a2"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(host)));
        ok(cairn.run("rmi", "boundary:a2"));

        Path b = ctx.resolve("b.tar");
        try (OutputStream out = Files.newOutputStream(b); TarArchiveOutputStream t = new TarArchiveOutputStream(out)) {
            TarArchiveEntry l = new TarArchiveEntry("s", TarArchiveEntry.LF_SYMLINK);
            l.setLinkName(host.toString());
            t.putArchiveEntry(l);
            t.closeArchiveEntry();
            TarArchiveEntry h = new TarArchiveEntry("h", TarArchiveEntry.LF_LINK);
            h.setLinkName("s/secret");
            t.putArchiveEntry(h);
            t.closeArchiveEntry();
        }
        write("Dockerfile", "FROM bb\nADD b.tar /d/\n");
        Exec.Result r = build("-q", "-t", "boundary:a2b");
        assertNotEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("ADD b.tar: entry \"h\""), r.err());
        assertEquals(1, Files.getAttribute(host.resolve("secret"), "unix:nlink"));
    }
}
