package io.cairn.engine.container;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.DeviceMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * {@code --device}: a host device node given to the container. Checked at create (the host path
 * must be a character or block device, the container path absolute, the permissions some of
 * {@code rwm}) and read again at each start, since the node's numbers are the host's of that moment.
 */
final class Devices {

    /** A device node with its numbers, as the host has it now. */
    record Node(DeviceMapping mapping, char type, long major, long minor, int fileMode, long uid, long gid) {
    }

    private Devices() {
    }

    static void check(DeviceMapping d) {
        if (d.pathInContainer() == null || !d.pathInContainer().startsWith("/")
                || Path.of(d.pathInContainer()).normalize().toString().equals("/")) {
            throw new InvalidArgumentException("invalid --device " + d.pathOnHost() + ": the container path \""
                    + d.pathInContainer() + "\" must be an absolute path other than /");
        }
        if (d.cgroupPermissions() == null || !d.cgroupPermissions().matches("[rwm]{1,3}")) {
            throw new InvalidArgumentException("invalid --device " + d.pathOnHost() + ": permissions \""
                    + d.cgroupPermissions() + "\" must be some of rwm");
        }
        node(d);
    }

    /**
     * The host's node for {@code d}, links not followed past the given path's own resolution
     * (Docker resolves a link such as {@code /dev/disk/by-id/…} to the device it names).
     *
     * @throws InvalidArgumentException when the path is missing or no device node
     */
    static Node node(DeviceMapping d) {
        Path host = Path.of(d.pathOnHost());
        if (!host.isAbsolute()) {
            throw new InvalidArgumentException("invalid --device " + d.pathOnHost() + ": the host path must be absolute");
        }
        try {
            Path real = host.toRealPath();
            int mode = (Integer) Files.getAttribute(real, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int kind = mode & 0170000;
            char type = kind == 0020000 ? 'c' : kind == 0060000 ? 'b' : '?';
            if (type == '?') {
                throw new InvalidArgumentException("error gathering device information while adding custom device \""
                        + d.pathOnHost() + "\": not a device node");
            }
            long rdev = (Long) Files.getAttribute(real, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
            long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
            long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
            long uid = ((Number) Files.getAttribute(real, "unix:uid", LinkOption.NOFOLLOW_LINKS)).longValue();
            long gid = ((Number) Files.getAttribute(real, "unix:gid", LinkOption.NOFOLLOW_LINKS)).longValue();
            return new Node(d, type, major, minor, mode & 07777, uid, gid);
        } catch (IOException e) {
            throw new InvalidArgumentException("error gathering device information while adding custom device \""
                    + d.pathOnHost() + "\": " + (e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
                    : e.getMessage()));
        }
    }
}
