package io.cairn.engine.build.copy;

import io.cairn.storage.layer.StreamFormat;
import io.cairn.storage.layer.InvalidLayerException;
import io.cairn.storage.layer.TarExtractor;
import io.cairn.storage.layer.tar.TarEntry;
import io.cairn.storage.layer.tar.TarFormatException;
import io.cairn.storage.layer.tar.TarReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ADD's local archives: a source file that is a tar (plain, gzip, bzip2, xz or zstd, told by its
 * content, not its name) is unpacked into the destination directory instead of copied, keeping
 * the entries' owners, modes and times, as Docker does. Unpacking is the storage's extractor's
 * ({@link TarExtractor}): it never writes outside the destination.
 */
public final class Archives {

    private Archives() {
    }

    /** Turns the FILE entries that are archives into ARCHIVE entries that unpack into {@code dest}'s directory. */
    public static List<CopyItem> expand(List<CopyItem> items, String dest) throws IOException {
        List<CopyItem> out = new ArrayList<>();
        for (CopyItem item : items) {
            if (item.kind() == CopyItem.Kind.FILE && item.source().isPresent() && isArchive(item.source().get())) {
                String dir = dest.endsWith("/") ? parent(item.dest()) : item.dest();
                out.add(new CopyItem(dir, CopyItem.Kind.ARCHIVE, item.source(), Optional.empty(), "", 0755, item.uid(),
                        item.gid(), item.mtime()));
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private static String parent(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    /**
     * Whether ADD unpacks the file, decided by content as Docker does: after the compression its
     * magic number names (none, gzip, bzip2, xz or zstd), the first block must be a tar header
     * with a valid checksum (see {@link TarHeaders}). A compressed file that is not a tar, an empty tar, or a
     * stream that does not decompress is copied as it is.
     */
    static boolean isArchive(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            byte[] head;
            try (InputStream in = decompress(raw)) {
                head = in.readNBytes(TarHeaders.BLOCK);
            } catch (IOException | RuntimeException e) {
                // a corrupt stream behind a magic number: Docker copies such a file unchanged too
                return false;
            }
            return TarHeaders.isHeader(head);
        }
    }

    /**
     * Unpacks an ARCHIVE item into its destination directory through the build's extractor: the
     * one hardened extractor (no absolute or {@code ..} names, nothing written through a symlink,
     * no hard link to a symlink or through one), commons-compress only decompressing.
     *
     * @throws CopyException naming the archive and the entry when the archive is refused
     */
    static void unpack(CopyItem item, TarExtractor extractor) throws IOException {
        Path archive = item.source().get();
        String name = archive.getFileName().toString();
        extractor.directories(item.dest());
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive, LinkOption.NOFOLLOW_LINKS), 1 << 16);
             InputStream in = decompress(raw)) {
            TarReader tar = new TarReader(new BufferedInputStream(in, 1 << 16));
            TarEntry e;
            while ((e = tar.next()) != null) {
                extractor.extract(item.dest(), e, tar.content());
            }
        } catch (InvalidLayerException e) {
            throw new CopyException("ADD " + name + ": " + e.entry().map(n -> "entry \"" + n + "\": ").orElse("")
                    + e.reason());
        } catch (TarFormatException e) {
            throw new CopyException("ADD " + name + ": " + e.getMessage());
        }
    }

    /** The decompressed view of {@code in} (which must support mark/reset), by magic number. */
    private static InputStream decompress(InputStream in) throws IOException {
        return StreamFormat.detect(in).decode(in);
    }

    /** Refuses to write through a symbolic link that an earlier entry made. */
    private static void guardParents(Path dir, Path p, String archive, String entry) {
        for (Path q = p.getParent(); q != null && q.startsWith(dir) && !q.equals(dir); q = q.getParent()) {
            if (Files.isSymbolicLink(q)) {
                throw new CopyException("ADD " + archive + ": entry \"" + entry + "\" would be written through the"
                        + " symbolic link " + dir.relativize(q));
            }
        }
    }
}
