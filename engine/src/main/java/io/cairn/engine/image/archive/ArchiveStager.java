package io.cairn.engine.image.archive;

import io.cairn.storage.layer.StreamFormat;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.fs.Trees;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.LongConsumer;
import io.cairn.storage.layer.InvalidLayerException;
import io.cairn.storage.layer.TarExtractor;
import io.cairn.storage.layer.tar.TarEntry;
import io.cairn.storage.layer.tar.TarFormatException;
import io.cairn.storage.layer.tar.TarReader;
import io.cairn.storage.layer.tar.TarType;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Extracts an image archive (a tar, plain, gzip or zstd: detected by magic number) into a staging
 * directory, refusing anything an image archive has no business holding.
 *
 * <p>Extraction is the storage's {@link TarExtractor} (the one extractor), under a policy of its
 * own. Only directories, regular files and symbolic links are extracted. Refused, with an
 * {@link InvalidArgumentException} naming the entry: absolute names, {@code ..} components,
 * names that pass through a symlink extracted earlier, symlinks with an absolute target or one
 * that resolves outside the directory (docker-archive links repeated layers as
 * {@code ../<id>/layer.tar}, which is inside), hard links, devices, fifos, and a second entry for
 * the same file. A truncated or corrupt stream is an InvalidArgumentException too; failures to
 * write the staging directory stay IOExceptions. On any failure the directory is emptied again.
 * The staged files are only read.
 *
 * <p>{@code progress} receives the running count of archive bytes read (compressed, as they come
 * from the stream), about every 1 MiB and once at the end. Instances are stateless between calls.
 */
public final class ArchiveStager {

    private static final TarExtractor.Policy POLICY = new TarExtractor.Policy(false, false, true,
            EnumSet.of(TarType.DIRECTORY, TarType.REGULAR, TarType.SYMLINK));

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
        ByteProgress counted = new ByteProgress(progress);
        try {
            int entries = extract(decompressed(counted.counting(archive)), root);
            counted.report();
            return new Staged(directory, entries, counted.count());
        } catch (IOException | RuntimeException e) {
            Trees.empty(directory);
            throw e;
        }
    }

    private static InputStream decompressed(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        StreamFormat format = StreamFormat.detect(in);
        try {
            // docker load takes a plain, gzip or zstd archive; bzip2 and xz are read as the tar they are not
            return switch (format) {
                case GZIP, ZSTD -> format.decode(in);
                case PLAIN, BZIP2, XZ -> in;
            };
        } catch (IOException e) {
            throw new InvalidArgumentException("image archive: corrupt compressed stream: " + describe(e));
        }
    }

    /**
     * Through the storage's extractor (the one extractor), under the image-archive policy: only
     * directories, regular files and symlinks; then this class's own rules on top.
     */
    private static int extract(InputStream in, Path root) throws IOException {
        TarReader tar = new TarReader(in);
        TarExtractor extractor = new TarExtractor(root, POLICY);
        Map<String, Boolean> seen = new HashMap<>();
        int entries = 0;
        String last = null;
        try {
            TarEntry entry;
            while ((entry = tar.next()) != null) {
                last = entry.name();
                entries++;
                check(entry, seen);
                extractor.extract(entry, tar.content());
            }
            extractor.finish();
        } catch (TarFormatException e) {
            if (last == null && tar.offset() == 0) {
                throw new InvalidArgumentException("image archive is empty or not a tar archive");
            }
            throw new InvalidArgumentException("image archive is corrupt or truncated"
                    + (last == null ? "" : " after entry \"" + last + "\"") + ": " + e.getMessage());
        } catch (InvalidLayerException e) {
            throw refused(e.entry().orElse(last == null ? "(archive)" : last), e.reason());
        } catch (FileSystemException e) {
            throw e; // writing the staging directory failed (a full disk, say): not the archive's fault
        } catch (IOException e) {
            // the decompressor's complaints reach the tar reader as plain IOExceptions
            throw new InvalidArgumentException("image archive is corrupt or truncated"
                    + (last == null ? "" : " after entry \"" + last + "\"") + ": " + describe(e));
        }
        if (entries == 0) {
            throw new InvalidArgumentException("image archive is empty or not a tar archive");
        }
        return entries;
    }

    /** The rules an image archive adds to the extractor's: relative symlinks only, each path once. */
    private static void check(TarEntry entry, Map<String, Boolean> seen) {
        String name = entry.name();
        String relative = StagedPaths.clean(name, "image archive entry");
        if (entry.type() == TarType.SYMLINK && (entry.linkName().isEmpty() || entry.linkName().startsWith("/"))) {
            throw refused(name, "symlink target \"" + entry.linkName() + "\" must be a relative path");
        }
        if (entry.type() == TarType.HARDLINK) {
            throw refused(name, "hard links are not allowed in an image archive (link to \"" + entry.linkName() + "\")");
        }
        if (relative.isEmpty()) {
            return;
        }
        boolean dir = entry.type() == TarType.DIRECTORY;
        Boolean before = seen.put(relative, dir);
        if (before != null && !before) {
            throw refused(name, dir ? "is a directory but an earlier entry made it a file or link"
                    : "appears twice in the archive");
        }
        if (before != null && !dir) {
            throw refused(name, "replaces a directory of an earlier entry");
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static InvalidArgumentException refused(String name, String reason) {
        return new InvalidArgumentException("image archive entry \"" + name + "\" " + reason);
    }
}
