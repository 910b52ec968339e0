package io.cairn.engine.image.archive;

import io.cairn.engine.api.InvalidArgumentException;
import io.cairn.engine.fs.Trees;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Extracts an image archive (a tar, plain, gzip or zstd: detected by magic number) into a staging
 * directory, refusing anything an image archive has no business holding.
 *
 * <p>Only directories, regular files and symbolic links are extracted. Refused, with an
 * {@link InvalidArgumentException} naming the entry: absolute names, {@code ..} components,
 * names that pass through a symlink extracted earlier, symlinks with an absolute target or one
 * that resolves outside the directory (docker-archive links repeated layers as
 * {@code ../<id>/layer.tar}, which is inside), hard links, devices, fifos, and a second entry for
 * the same file. A truncated or corrupt stream is an InvalidArgumentException too; failures to
 * write the staging directory stay IOExceptions. On any failure the directory is emptied again.
 * Modes, owners and times are not restored: the staged files are only read.
 *
 * <p>{@code progress} receives the running count of archive bytes read (compressed, as they come
 * from the stream), about every 1 MiB and once at the end. Instances are stateless between calls.
 */
public final class ArchiveStager {

    private static final int PROGRESS_STEP = 1 << 20;

    private final LongConsumer progress;

    /** A stager reporting to {@code progress} (use {@code n -> { }} for none). */
    public ArchiveStager(LongConsumer progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** What was staged. */
    public record Staged(Path directory, int entries, long archiveBytes) {
    }

    /**
     * Extracts {@code archive} (not closed) into {@code directory}, which is created if absent and
     * must be empty.
     */
    public Staged stage(InputStream archive, Path directory) throws IOException {
        Files.createDirectories(directory);
        try (var existing = Files.list(directory)) {
            if (existing.findAny().isPresent()) {
                throw new IllegalArgumentException("staging directory is not empty: " + directory);
            }
        }
        Path root = directory.toRealPath();
        Counting counting = new Counting(archive, progress);
        try {
            int entries = extract(decompressed(counting), root);
            counting.report();
            return new Staged(directory, entries, counting.count);
        } catch (IOException | RuntimeException e) {
            Trees.empty(directory);
            throw e;
        }
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        try {
            if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return new GzipCompressorInputStream(in, true);
            }
            if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                    && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
                return new ZstdCompressorInputStream(in);
            }
        } catch (IOException e) {
            throw new InvalidArgumentException("image archive: corrupt compressed stream: " + describe(e));
        }
        return in;
    }

    private static int extract(InputStream in, Path root) throws IOException {
        Counting delivered = new Counting(in, n -> { });
        TarArchiveInputStream tar = new TarArchiveInputStream(delivered);
        List<Path> links = new ArrayList<>();
        int entries = 0;
        String last = null;
        while (true) {
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException | IllegalArgumentException e) {
                throw new InvalidArgumentException("image archive is corrupt or truncated"
                        + (last == null ? "" : " after entry \"" + last + "\"") + ": " + describe(e));
            }
            if (entry == null) {
                // tar is made of 512-byte records: a partial one at the end is a cut, not an end
                if (delivered.count % 512 != 0) {
                    throw new InvalidArgumentException("image archive is truncated"
                            + (last == null ? "" : " after entry \"" + last + "\""));
                }
                break;
            }
            last = entry.getName();
            entries++;
            extractEntry(tar, entry, root, links);
        }
        if (entries == 0) {
            throw new InvalidArgumentException("image archive is empty or not a tar archive");
        }
        for (Path link : links) {
            checkResolvesInside(link, root);
        }
        return entries;
    }

    private static void extractEntry(TarArchiveInputStream tar, TarArchiveEntry entry, Path root, List<Path> links)
            throws IOException {
        String name = entry.getName();
        String relative = StagedPaths.clean(name, "image archive entry");
        if (relative.isEmpty()) {
            if (!entry.isDirectory()) {
                throw refused(name, "names the archive's root but is not a directory");
            }
            return;
        }
        Path target = root.resolve(relative);
        createParents(root, target, name);
        if (entry.isDirectory()) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(name, "is a directory but an earlier entry made it a file or link");
            }
            Files.createDirectories(target);
        } else if (entry.isSymbolicLink()) {
            String linkName = entry.getLinkName();
            if (linkName == null || linkName.isEmpty() || linkName.startsWith("/")) {
                throw refused(name, "symlink target \"" + linkName + "\" must be a relative path");
            }
            if (!target.getParent().resolve(linkName).normalize().startsWith(root)) {
                throw refused(name, "symlink target \"" + linkName + "\" escapes the archive");
            }
            ensureAbsent(target, name);
            Files.createSymbolicLink(target, target.getFileSystem().getPath(linkName));
            links.add(target);
        } else if (entry.isLink()) {
            throw refused(name, "hard links are not allowed in an image archive (link to \"" + entry.getLinkName() + "\")");
        } else if (isRegularFile(entry)) {
            ensureAbsent(target, name);
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                copy(tar, out, name);
            }
        } else {
            throw refused(name, "is a " + type(entry) + "; only directories, regular files and symlinks are allowed");
        }
    }

    /** Regular file types only: commons-compress's {@code isFile()} also says yes to devices and fifos. */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte flag = entry.getLinkFlag();
        return flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG;
    }

    /** Creates the missing parents of {@code target}, refusing to pass through a symlink. */
    private static void createParents(Path root, Path target, String name) throws IOException {
        Path current = root;
        for (Path part : root.relativize(target.getParent() == null ? root : target.getParent())) {
            if (part.toString().isEmpty()) {
                continue;
            }
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                throw refused(name, "passes through the symlink \"" + root.relativize(current) + "\"");
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            } else if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                throw refused(name, "has the file \"" + root.relativize(current) + "\" as a parent directory");
            }
        }
    }

    private static void ensureAbsent(Path target, String name) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(name, "appears twice in the archive");
        }
    }

    private static void copy(InputStream tar, OutputStream out, String name) throws IOException {
        byte[] buffer = new byte[1 << 16];
        while (true) {
            int n;
            try {
                n = tar.read(buffer);
            } catch (IOException e) {
                throw new InvalidArgumentException("image archive entry \"" + name + "\" is truncated or corrupt: "
                        + describe(e));
            }
            if (n < 0) {
                return;
            }
            out.write(buffer, 0, n);
        }
    }

    /**
     * Each link was checked by name; a chain of links can still resolve elsewhere (a link to a
     * link to {@code ..}), so resolve each one for real once all are in place.
     */
    private static void checkResolvesInside(Path link, Path root) {
        String name = root.relativize(link).toString();
        Path real;
        try {
            real = link.toRealPath();
        } catch (java.nio.file.NoSuchFileException dangling) {
            return; // resolves to nothing: harmless, and a reader that needs it reports it missing
        } catch (FileSystemException e) {
            throw refused(name, "symlink cannot be resolved: " + e.getReason());
        } catch (IOException e) {
            throw refused(name, "symlink cannot be resolved: " + e.getMessage());
        }
        if (!real.startsWith(root)) {
            throw refused(name, "symlink resolves outside the archive");
        }
    }

    private static String type(TarArchiveEntry entry) {
        if (entry.isCharacterDevice()) {
            return "character device";
        }
        if (entry.isBlockDevice()) {
            return "block device";
        }
        if (entry.isFIFO()) {
            return "fifo";
        }
        return "tar entry of type '" + (char) entry.getLinkFlag() + "'";
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static InvalidArgumentException refused(String name, String reason) {
        return new InvalidArgumentException("image archive entry \"" + name + "\" " + reason);
    }

    /** Counts the archive's bytes as they are read and reports them every {@link #PROGRESS_STEP}. */
    private static final class Counting extends FilterInputStream {
        private final LongConsumer progress;
        private long count;
        private long reported;

        Counting(InputStream in, LongConsumer progress) {
            super(in);
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        @Override
        public void close() {
            // the caller owns the archive stream
        }

        private void advance(long n) {
            count += n;
            if (count - reported >= PROGRESS_STEP) {
                report();
            }
        }

        void report() {
            reported = count;
            progress.accept(count);
        }
    }
}
