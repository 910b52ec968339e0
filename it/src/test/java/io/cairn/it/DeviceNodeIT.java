package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 A16: device nodes and fifos are ordinary rootfs content (debootstrap's {@code /dev},
 * {@code RUN mkfifo}, {@code RUN mknod}, a committed container that made one) and are accepted,
 * as Docker accepts them; a node an image carries reaches no host device, because containers run
 * under the device cgroup's deny-all with Docker's short allow list.
 */
class DeviceNodeIT {

    private static Cairn cairn;

    @BeforeAll
    static void importRootfsWithDevices() throws Exception {
        cairn = new Cairn();
        Path plain = cairn.root().resolveSibling(cairn.root().getFileName() + "-busybox.tar");
        Path devs = cairn.root().resolveSibling(cairn.root().getFileName() + "-devices.tar");
        Exec.Result made = Exec.run(List.of(Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(),
                plain.toString()), Map.of());
        assertEquals(0, made.exit(), made.toString());
        try (InputStream in = Files.newInputStream(plain); TarArchiveInputStream tin = new TarArchiveInputStream(in);
             OutputStream out = Files.newOutputStream(devs); TarArchiveOutputStream tout = new TarArchiveOutputStream(out)) {
            tout.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e;
            while ((e = tin.getNextEntry()) != null) {
                tout.putArchiveEntry(e);
                tin.transferTo(tout);
                tout.closeArchiveEntry();
            }
            // what debootstrap leaves in /dev, and nodes aimed at host devices
            device(tout, "dev/", TarArchiveEntry.LF_DIR, 040755, 0, 0);
            device(tout, "dev/full", TarArchiveEntry.LF_CHR, 020666, 1, 7);
            device(tout, "dev/null", TarArchiveEntry.LF_CHR, 020666, 1, 3);
            device(tout, "evil-mem", TarArchiveEntry.LF_CHR, 020666, 1, 1);
            device(tout, "evil-disk", TarArchiveEntry.LF_BLK, 060666, 8, 0);
            device(tout, "run/", TarArchiveEntry.LF_DIR, 040755, 0, 0);
            device(tout, "run/fifo", TarArchiveEntry.LF_FIFO, 010644, 0, 0);
        }
        Files.delete(plain);
        try {
            Exec.Result imported = cairn.run("import", devs.toString(), "devs", "-c", "CMD [\"/bin/sh\"]");
            assertEquals(0, imported.exit(), "a rootfs with device nodes imports: " + imported);
        } finally {
            Files.delete(devs);
        }
    }

    private static void device(TarArchiveOutputStream t, String name, byte type, int mode, int major, int minor)
            throws Exception {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setMode(mode);
        if (type == TarArchiveEntry.LF_CHR || type == TarArchiveEntry.LF_BLK) {
            e.setDevMajor(major);
            e.setDevMinor(minor);
        }
        t.putArchiveEntry(e);
        t.closeArchiveEntry();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try {
            cairn.run("rm", "-f", "mk");
            ContainerITSupport.assertNoMountsUnder(cairn.root());
        } finally {
            cairn.close();
        }
    }

    @Test
    void anImagesDeviceNodesReachNoHostDevice() throws Exception {
        Exec.Result mem = cairn.run("run", "--rm", "devs", "sh", "-c", "head -c 1 /evil-mem >/dev/null");
        assertNotEquals(0, mem.exit(), mem.toString());
        // nodev on the rootfs refuses first (EACCES); the device cgroup would (EPERM): EscapeIT shows it in /dev
        assertTrue(mem.err().contains("Permission denied") || mem.err().contains("Operation not permitted"), mem.err());
        Exec.Result disk = cairn.run("run", "--rm", "devs", "sh", "-c", "head -c 1 /evil-disk >/dev/null");
        assertNotEquals(0, disk.exit(), disk.toString());
        assertTrue(disk.err().contains("Permission denied") || disk.err().contains("Operation not permitted"),
                disk.err());
        Exec.Result fifo = cairn.run("run", "--rm", "devs", "sh", "-c", "test -p /run/fifo && echo fifo");
        assertEquals("fifo\n", fifo.out(), fifo.toString());
    }

    @Test
    void mkfifoAndMknodInAContainerCommitAsLayers() throws Exception {
        Exec.Result made = cairn.run("run", "--name", "mk", "devs", "sh", "-c",
                "mkfifo /made-fifo && mknod /made-null c 1 3");
        assertEquals(0, made.exit(), made.toString());
        Exec.Result commit = cairn.run("commit", "mk", "devs:made");
        assertEquals(0, commit.exit(), commit.toString());
        Exec.Result check = cairn.run("run", "--rm", "devs:made", "sh", "-c",
                "test -p /made-fifo && test -c /made-null && echo both");
        assertEquals("both\n", check.out(), check.toString());
        assertEquals(0, cairn.run("rm", "mk").exit());
        assertEquals(0, cairn.run("rmi", "devs:made").exit());
    }

    @Test
    void runMkfifoAndMknodBuild() throws Exception {
        Path ctx = Files.createTempDirectory("cairn-devices-ctx-");
        try {
            Files.writeString(ctx.resolve("Dockerfile"), "FROM devs\nRUN mkfifo /p && mknod /n c 1 3\n");
            Exec.Result built = cairn.run("build", "-q", "-t", "devs:built", ctx.toString());
            assertEquals(0, built.exit(), built.toString());
            Exec.Result check = cairn.run("run", "--rm", "devs:built", "sh", "-c", "test -p /p && test -c /n && echo yes");
            assertEquals("yes\n", check.out(), check.toString());
            assertEquals(0, cairn.run("rmi", "devs:built").exit());
        } finally {
            Files.deleteIfExists(ctx.resolve("Dockerfile"));
            Files.deleteIfExists(ctx);
        }
    }
}
