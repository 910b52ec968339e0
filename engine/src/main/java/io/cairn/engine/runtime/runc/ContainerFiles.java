package io.cairn.engine.runtime.runc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where conmon keeps one container's files. {@code dir} is {@code STATE/conmon/ID}; the exit file is
 * in the shared exit directory, as conmon names it ({@code STATE/exits/ID}); the socket link is
 * conmon's {@code SOCKETS/ID -> bundle}.
 */
record ContainerFiles(Path dir, Path conmonPid, Path containerPid, Path runcLog, Path conmonErr, Path exitFile,
                      Path socketLink) {

    static ContainerFiles of(RuncOptions o, String id) {
        Path dir = o.stateDir().resolve("conmon").resolve(id);
        return new ContainerFiles(dir, dir.resolve("conmon.pid"), dir.resolve("pid"), dir.resolve("runc.log"),
                dir.resolve("conmon.err"), exitDir(o).resolve(id), o.socketDir().resolve(id));
    }

    static Path exitDir(RuncOptions o) {
        return o.stateDir().resolve("exits");
    }

    /** conmon's pid, or 0 when it never wrote it. */
    long conmonPidOrZero() {
        return readPid(conmonPid);
    }

    long containerPidOrZero() {
        return readPid(containerPid);
    }

    private static long readPid(Path file) {
        try {
            String s = Files.readString(file).strip();
            return s.isEmpty() ? 0 : Long.parseLong(s);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Removes everything conmon made for the container: its directory, the exit file, the socket
     * link, and the attach socket and control fifos it put in the bundle.
     */
    void remove() throws IOException {
        if (Files.isSymbolicLink(socketLink)) {
            Path bundle = Files.readSymbolicLink(socketLink);
            for (String name : new String[] {"attach", "ctl", "winsz"}) {
                Path p = bundle.resolve(name);
                if (Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(p)
                        && !Files.isDirectory(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Files.deleteIfExists(socketLink);
        Files.deleteIfExists(exitFile);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
