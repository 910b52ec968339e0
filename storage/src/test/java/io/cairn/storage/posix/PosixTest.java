package io.cairn.storage.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs as root (as CI does): chown, mknod and trusted.* xattrs need it. */
class PosixTest {
    @TempDir
    Path dir;

    @Test
    void mknodMakesAWhiteoutWithTheExactModeWhateverTheUmask() throws Exception {
        Path wh = dir.resolve("wh");
        Posix.mknodChar(wh, 0, 0, 0);
        Stat st = Posix.lstat(wh);
        assertTrue(st.isWhiteout());
        assertEquals(0, st.permissions());

        Path dev = dir.resolve("dev");
        Posix.mknodChar(dev, 0666, 1, 3); // umask 022 would make it 0644
        Stat d = Posix.lstat(dev);
        assertEquals(Stat.S_IFCHR, d.type());
        assertEquals(0666, d.permissions());
        assertEquals(1, DeviceNumbers.major(d.rdev()));
        assertEquals(3, DeviceNumbers.minor(d.rdev()));
        assertFalse(d.isWhiteout());
    }

    @Test
    void xattrsRoundTripBinaryValuesOnFilesAndSymlinksThemselves() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("l"), f);
        byte[] binary = {1, 0, 0, 2, (byte) 0xff, (byte) 0x80, 0};
        Posix.setXattr(f, "user.a", binary);
        Posix.setXattr(f, "trusted.b", "y".getBytes(StandardCharsets.UTF_8));
        Posix.setXattr(link, "trusted.onlink", new byte[] {7});

        assertArrayEquals(binary, Posix.getXattr(f, "user.a").orElseThrow());
        assertEquals(List.of("trusted.b", "user.a"), Posix.listXattrs(f).stream().sorted().toList());
        assertEquals(List.of("trusted.onlink"), Posix.listXattrs(link));
        assertTrue(Posix.getXattr(f, "user.absent").isEmpty());
        assertTrue(Posix.getXattr(f, "trusted.onlink").isEmpty(), "lsetxattr must not follow the link");

        byte[] big = new byte[3_000];
        big[2_999] = 42;
        Posix.setXattr(f, "user.big", big);
        assertArrayEquals(big, Posix.getXattr(f, "user.big").orElseThrow());
    }

    @Test
    void lchownAndSetTimesTouchTheLinkNotItsTarget() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("l"), f);
        Posix.lchown(link, 1234, 5678);
        Posix.setTimes(link, 1_000_000_000L, 123_456_789);

        Stat l = Posix.lstat(link);
        Stat t = Posix.lstat(f);
        assertEquals(1234, l.uid());
        assertEquals(5678, l.gid());
        assertEquals(1_000_000_000L, l.mtimeSeconds());
        assertEquals(123_456_789, l.mtimeNanos());
        assertEquals(0, t.uid());
        assertFalse(t.mtimeSeconds() == 1_000_000_000L);
    }

    @Test
    void chmodKeepsSpecialBits() throws Exception {
        Path f = Files.writeString(dir.resolve("f"), "x");
        Posix.chmod(f, 07755);
        assertEquals(07755, Posix.lstat(f).permissions());
    }

    @Test
    void errorsNameTheCallThePathAndErrno() {
        Path missing = dir.resolve("missing");
        PosixException e = assertThrows(PosixException.class, () -> Posix.lchown(missing, 0, 0));
        assertEquals(2, e.errno());
        assertEquals(missing, e.path());
        assertTrue(e.getMessage().contains("lchown(" + missing + ")"), e.getMessage());
        assertTrue(e.getMessage().contains("No such file"), e.getMessage());

        PosixException x = assertThrows(PosixException.class, () -> Posix.setXattr(missing, "user.a", new byte[1]));
        assertTrue(x.getMessage().contains("lsetxattr user.a"), x.getMessage());
    }

    @Test
    void syncfsAndFsyncDirSucceedOnADirectoryAndFailOnAMissingOne() throws Exception {
        Posix.syncfs(dir);
        Posix.fsyncDir(dir);
        assertThrows(PosixException.class, () -> Posix.syncfs(dir.resolve("missing")));
    }

    @Test
    void mountsAndUnmountsATmpfs() throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        Posix.mount("cairn-test", mnt, "tmpfs", MountFlags.MS_NOSUID | MountFlags.MS_NODEV, "size=1m,mode=0700");
        try {
            assertEquals(0700, Posix.lstat(mnt).permissions());
            Files.writeString(mnt.resolve("on-tmpfs"), "x");
        } finally {
            Posix.umount2(mnt, MountFlags.MNT_DETACH);
        }
        assertFalse(Files.exists(mnt.resolve("on-tmpfs")));
        PosixException e = assertThrows(PosixException.class, () -> Posix.umount2(mnt, 0));
        assertTrue(e.getMessage().contains("umount2(" + mnt + ")"), e.getMessage());
    }
}
