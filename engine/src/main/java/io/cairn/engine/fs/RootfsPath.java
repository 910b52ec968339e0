package io.cairn.engine.fs;

import io.cairn.api.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import io.cairn.storage.posix.InRoot;
import io.cairn.storage.posix.PosixException;

/**
 * Resolves a path inside a container's root filesystem the way the container would see it:
 * symbolic links are followed relative to the rootfs, never to the host's {@code /}, and
 * {@code ..} stops at the rootfs. An image whose {@code /etc/passwd} is a link to
 * {@code /etc/shadow} or {@code ../../../etc/passwd} therefore reads its own files, never the host's.
 */
public final class RootfsPath {

    private static final int ELOOP = 40;

    private RootfsPath() {
    }

    /**
     * The host path of {@code containerPath} (absolute, inside the container) under {@code rootfs},
     * resolved by the kernel inside it ({@link InRoot}, the one resolver).
     */
    public static Path resolve(Path rootfs, String containerPath) throws IOException {
        try {
            return InRoot.of(rootfs).resolve(containerPath);
        } catch (PosixException e) {
            if (e.errno() == ELOOP) {
                throw new InvalidArgumentException("too many symbolic links resolving " + containerPath
                        + " in the container's root filesystem " + rootfs);
            }
            throw e;
        }
    }

    /** Whether the resolved path exists as a regular file (not following a final link: already resolved). */
    public static boolean isFile(Path resolved) {
        return Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS);
    }
}
