package io.cairn.engine.runtime.log;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Docker's {@code --log-opt max-size=…,max-file=N} over conmon's {@code --log-size-max}. conmon
 * rotates by renaming a new, empty file over the log, which would drop the old one; so each
 * generation of the log gets a hard link of its own ({@code <log>.gen-<inode>}) while it is live,
 * and once replaced it is renamed into Docker's numbered files: {@code <log>.1} the newest rotated,
 * {@code <log>.N-1} the oldest kept, the rest deleted. {@link #track} does both; the engine calls it
 * often while the container runs ({@code logs} is right meanwhile too: {@link #files} lists a
 * replaced generation not yet renamed). A generation filled and replaced between two calls is lost,
 * so the period must stay well below the time the container takes to write {@code max-size}.
 */
public final class LogRotation {

    private static final String GEN = ".gen-";

    private LogRotation() {
    }

    /**
     * Links the live generation, renames replaced ones into the numbered files and deletes what
     * {@code maxFiles} (the live file included) does not keep. Idempotent; safe against a
     * concurrent rotation by the monitor (it only ever adds a new live file).
     */
    public static synchronized void track(Path log, int maxFiles) throws IOException {
        Object live = fileKey(log);
        if (live != null) {
            Path link = log.resolveSibling(log.getFileName() + GEN + inode(log));
            if (!Files.exists(link)) {
                try {
                    Files.createLink(link, log);
                } catch (java.nio.file.FileAlreadyExistsException | NoSuchFileException raced) {
                    // linked meanwhile, or replaced between the check and the link: the next call sees it
                }
            }
        }
        for (Path replaced : replacedGenerations(log, live)) {
            shift(log, maxFiles);
            if (maxFiles > 1) {
                Files.move(replaced, numbered(log, 1));
            } else {
                Files.deleteIfExists(replaced);
            }
        }
        // the live generation's link goes once the container's run is over and the file is kept
    }

    /** Every file of the log, oldest first, the live one last; each exists when listed. */
    public static List<Path> files(Path log) throws IOException {
        List<Path> out = new ArrayList<>();
        for (int i = maxNumbered(log); i >= 1; i--) {
            if (Files.exists(numbered(log, i))) {
                out.add(numbered(log, i));
            }
        }
        out.addAll(replacedGenerations(log, fileKey(log)));
        out.add(log);
        return out;
    }

    /** Deletes every rotated file and generation link of {@code log} (the container is removed). */
    public static void deleteRotated(Path log) throws IOException {
        for (Path p : siblings(log)) {
            Files.deleteIfExists(p);
        }
    }

    private static void shift(Path log, int maxFiles) throws IOException {
        int top = maxNumbered(log);
        for (int i = top; i >= 1; i--) {
            Path from = numbered(log, i);
            if (!Files.exists(from)) {
                continue;
            }
            if (i + 1 >= maxFiles) {
                Files.delete(from); // beyond what max-file keeps (the live file counts as one)
            } else {
                Files.move(from, numbered(log, i + 1));
            }
        }
    }

    /** Generation links whose file is no longer the live one, oldest (last written) first. */
    private static List<Path> replacedGenerations(Path log, Object live) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : siblings(log)) {
            if (p.getFileName().toString().startsWith(log.getFileName() + GEN)) {
                Object key = fileKey(p);
                if (key != null && !key.equals(live)) {
                    out.add(p);
                }
            }
        }
        out.sort(Comparator.comparing(p -> {
            try {
                return Files.getLastModifiedTime(p);
            } catch (IOException e) {
                return java.nio.file.attribute.FileTime.fromMillis(0);
            }
        }));
        return out;
    }

    private static List<Path> siblings(Path log) throws IOException {
        List<Path> out = new ArrayList<>();
        String prefix = log.getFileName() + ".";
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(log.toAbsolutePath().getParent(), prefix + "*")) {
            dir.forEach(out::add);
        }
        return out;
    }

    private static int maxNumbered(Path log) throws IOException {
        int max = 0;
        String prefix = log.getFileName() + ".";
        for (Path p : siblings(log)) {
            String rest = p.getFileName().toString().substring(prefix.length());
            if (rest.matches("[1-9][0-9]{0,3}")) {
                max = Math.max(max, Integer.parseInt(rest));
            }
        }
        return max;
    }

    static Path numbered(Path log, int i) {
        return log.resolveSibling(log.getFileName() + "." + i);
    }

    private static Object fileKey(Path p) throws IOException {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static long inode(Path p) throws IOException {
        return ((Number) Files.getAttribute(p, "unix:ino")).longValue();
    }
}
