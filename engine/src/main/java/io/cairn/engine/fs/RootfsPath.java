package io.cairn.engine.fs;

import io.cairn.engine.api.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a path inside a container's root filesystem the way the container would see it:
 * symbolic links are followed relative to the rootfs, never to the host's {@code /}, and
 * {@code ..} stops at the rootfs. An image whose {@code /etc/passwd} is a link to
 * {@code /etc/shadow} or {@code ../../../etc/passwd} therefore reads its own files, never the host's.
 */
public final class RootfsPath {

    private static final int MAX_LINKS = 40;

    private RootfsPath() {
    }

    /** The host path of {@code containerPath} (absolute, inside the container) under {@code rootfs}. */
    public static Path resolve(Path rootfs, String containerPath) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, containerPath);
        Deque<String> done = new ArrayDeque<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                done.pollLast();
                continue;
            }
            Path candidate = join(rootfs, done).resolve(part);
            if (Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new InvalidArgumentException("too many symbolic links resolving " + containerPath
                            + " in the container's root filesystem " + rootfs);
                }
                String target = Files.readSymbolicLink(candidate).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
                continue;
            }
            done.addLast(part);
        }
        return join(rootfs, done);
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private static Path join(Path rootfs, Deque<String> parts) {
        Path p = rootfs;
        for (String s : parts) {
            p = p.resolve(s);
        }
        return p;
    }

    /** Whether the resolved path exists as a regular file (not following a final link: already resolved). */
    public static boolean isFile(Path resolved) {
        return Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS);
    }
}
