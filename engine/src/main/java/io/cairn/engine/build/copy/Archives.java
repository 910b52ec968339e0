package io.cairn.engine.build.copy;

import io.cairn.engine.build.dockerfile.dockerignore.Paths;
import io.cairn.storage.posix.Posix;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * ADD's local archives: a source file that is a tar (plain, gzip, bzip2, xz or zstd, told by its
 * content, not its name) is unpacked into the destination directory instead of copied, keeping
 * the entries' owners, modes and times, as Docker does. Unpacking never writes outside the destination: no absolute names, no {@code ..},
 * no writing through a symbolic link, no hard link to outside, no device nodes or fifos.
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

    /** Unpacks every ARCHIVE entry under {@code upper}/its destination. */
    public static void unpack(List<CopyItem> items, Path upper) throws IOException {
        for (CopyItem item : items) {
            if (item.kind() == CopyItem.Kind.ARCHIVE) {
                Path dir = item.dest().isEmpty() ? upper : upper.resolve(item.dest());
                Files.createDirectories(dir);
                unpack(item.source().get(), dir);
            }
        }
    }

    private static void unpack(Path archive, Path dir) throws IOException {
        String name = archive.getFileName().toString();
        List<Object[]> times = new ArrayList<>();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompress(raw))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String rel = Paths.clean(e.getName());
                if (rel.startsWith("/") || rel.equals("..") || rel.startsWith("../")) {
                    throw new CopyException("ADD " + name + ": entry \"" + e.getName() + "\" points outside the destination");
                }
                if (rel.equals(".")) {
                    continue;
                }
                Path p = dir.resolve(rel);
                guardParents(dir, p, name, e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                } else if (e.isSymbolicLink()) {
                    Files.deleteIfExists(p);
                    Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    String target = Paths.clean(e.getLinkName());
                    if (target.startsWith("/") || target.startsWith("..")) {
                        throw new CopyException("ADD " + name + ": hard link \"" + e.getName() + "\" points outside the destination");
                    }
                    Files.deleteIfExists(p);
                    Files.createLink(p, dir.resolve(target));
                    continue;
                } else if (e.isFile()) {
                    Files.createDirectories(p.getParent());
                    Files.copy(tar, p, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    throw new CopyException("ADD " + name + ": entry \"" + e.getName()
                            + "\" is a device or fifo, which a build does not create");
                }
                Posix.lchown(p, (int) e.getLongUserId(), (int) e.getLongGroupId());
                if (!e.isSymbolicLink()) {
                    Posix.chmod(p, e.getMode() & 07777);
                }
                times.add(new Object[] {p, e.getModTime().toInstant().getEpochSecond()});
            }
        }
        for (int i = times.size() - 1; i >= 0; i--) {
            Posix.setTimes((Path) times.get(i)[0], (Long) times.get(i)[1], 0);
        }
    }

    /** The decompressed view of {@code in} (which must support mark/reset), by magic number. */
    private static InputStream decompress(InputStream in) throws IOException {
        return switch (StreamFormat.detect(in)) {
            case GZIP -> new GzipCompressorInputStream(in, true);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> new XZCompressorInputStream(in, true);
            case ZSTD -> new ZstdCompressorInputStream(in);
            case PLAIN -> in;
        };
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
