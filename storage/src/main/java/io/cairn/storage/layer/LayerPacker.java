package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;
import io.cairn.storage.layer.tar.TarEntry;
import io.cairn.storage.layer.tar.TarType;
import io.cairn.storage.layer.tar.TarWriter;
import io.cairn.storage.posix.DeviceNumbers;
import io.cairn.storage.posix.Posix;
import io.cairn.storage.posix.Stat;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Packs a directory — a container's overlay upperdir, or any tree — into a layer tar.
 *
 * <p>The output is canonical: entries depth-first in name order (by their names in the tar),
 * no entry for the root itself, numeric owners without names, whole-second mtimes (clamped to
 * {@link PackOptions#sourceDateEpoch()} when given), PAX records only where ustar falls short,
 * xattrs as {@code SCHILY.xattr.*} except {@code trusted.overlay.*}. Overlay whiteouts (char
 * devices 0/0) become {@code .wh.<name>} entries (regular, 0600, empty) and an opaque directory
 * ({@code trusted.overlay.opaque=y}) is followed by {@code <dir>/.wh..wh..opq}, as Docker writes
 * them. Files sharing an inode become one file and hard links to it (whiteouts excepted: overlay
 * may share one inode among them). Sockets are skipped (tar has no type for them); fifos and
 * device nodes are written as they are, as {@link LayerUnpacker} makes them. A file whose
 * own name begins with {@code .wh.} cannot be represented and is an error. The tree must not
 * change while it is packed.
 */
public final class LayerPacker {
    private LayerPacker() {
    }

    /** Writes the tar of {@code dir} to {@code out} (flushed, not closed). */
    public static PackResult pack(Path dir, OutputStream out, PackOptions options) throws IOException {
        return pack(dir, out, options, false);
    }

    /**
     * Writes the tar of {@code dir} as {@link #pack} does and, on the way, makes {@code dir} what
     * {@link LayerUnpacker} would make of that tar, so that {@link LayerStore#adopt} can take the
     * directory itself as the layer instead of unpacking a copy: every mtime becomes the tar's
     * (whole seconds, clamped), {@code trusted.overlay.*} xattrs other than the opaque marker are
     * removed, whiteouts get mode 0 as the unpacker creates them, and sockets (which the tar cannot
     * hold) are deleted. What the unpacker refuses is refused here too, with the same
     * {@link InvalidLayerException} naming the entry: symlinks whose target climbs above the root. The caller owns {@code dir}; nobody else may
     * use it meanwhile. The tar's bytes are those {@link #pack} writes for the same tree; the
     * result also carries the tree's {@link TreeManifest} lines, taken from the bytes packed.
     */
    public static AdoptablePack packForAdoption(Path dir, OutputStream out, PackOptions options) throws IOException {
        Walker walker = new Walker(null, options, true);
        PackResult tar = walker.pack(dir, out);
        return new AdoptablePack(tar, walker.lines);
    }

    private static PackResult pack(Path dir, OutputStream out, PackOptions options, boolean normalize)
            throws IOException {
        return new Walker(null, options, normalize).pack(dir, out);
    }

    private static final class Walker {
        private TarWriter writer;
        private final PackOptions options;
        /** Whether to bring the tree to its unpacked form as it is packed ({@link #packForAdoption}). */
        private final boolean normalize;
        /** dev:ino of multiply-linked files already written → their tar name. */
        private final Map<String, String> inodes = new HashMap<>();
        private int entries;

        /**
         * When normalizing: each entry's {@link TreeManifest} line (unescaped relative path → line),
         * taken from what is packed, so that adopting the tree need not read it again.
         */
        private final Map<String, String> lines = new HashMap<>();
        /** dev:ino of multiply-linked files → their manifest payload (a hard link has no content in the tar). */
        private final Map<String, String> payloads = new HashMap<>();

        Walker(TarWriter writer, PackOptions options, boolean normalize) {
            this.writer = writer;
            this.options = options;
            this.normalize = normalize;
        }

        PackResult pack(Path dir, OutputStream out) throws IOException {
            HashingOutputStream hashing = new HashingOutputStream(out);
            BufferedOutputStream buffered = new BufferedOutputStream(hashing, 64 * 1024);
            writer = new TarWriter(buffered);
            directory(dir, "");
            writer.finish();
            buffered.flush();
            return new PackResult(hashing.digest(), hashing.count, entries);
        }

        /** Records an entry's manifest line (normalizing only); {@code st} as the tree now has it. */
        private void line(String rel, String type, Stat st, String payload, Map<String, byte[]> xattrs) {
            if (normalize) {
                lines.put(rel, TreeManifest.line(type, st, payload, xattrs));
            }
        }

        /** Writes the children of {@code dir}, whose tar name prefix is {@code prefix} ("" or "a/b/"). */
        void directory(Path dir, String prefix) throws IOException {
            TreeMap<String, Path> children = new TreeMap<>();
            Map<Path, Stat> stats = new HashMap<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path child : ds) {
                    Stat st = Posix.lstat(child);
                    String name = child.getFileName().toString();
                    if (name.startsWith(TarExtractor.WHITEOUT_PREFIX)) {
                        throw new IOException("cannot pack " + child + ": names beginning with "
                                + TarExtractor.WHITEOUT_PREFIX + " mean whiteouts in a layer tar");
                    }
                    children.put(st.isWhiteout() ? TarExtractor.WHITEOUT_PREFIX + name : name, child);
                    stats.put(child, st);
                }
            }
            for (Map.Entry<String, Path> c : children.entrySet()) {
                entry(c.getValue(), stats.get(c.getValue()), prefix + c.getKey());
            }
        }

        private void entry(Path path, Stat st, String name) throws IOException {
            long mtime = st.mtimeSeconds();
            if (options.sourceDateEpoch().isPresent()) {
                mtime = Math.min(mtime, options.sourceDateEpoch().get());
            }
            if (normalize && !normalize(path, st, name, mtime)) {
                return;
            }
            if (st.isWhiteout()) {
                write(new TarEntry(name, TarType.REGULAR, 0600, st.uid(), st.gid(), 0, mtime, 0, "", 0, 0, Map.of()),
                        null);
                if (normalize) {
                    // the device itself, under its own name, with the mode normalize gave it
                    String rel = name.substring(0, name.lastIndexOf('/') + 1) + path.getFileName();
                    Stat now = new Stat(Stat.S_IFCHR, st.uid(), st.gid(), st.ino(), st.dev(), st.rdev(), st.nlink(),
                            st.size(), mtime, 0);
                    line(rel, "c", now, "0,0", allXattrs(path));
                }
                return;
            }
            Map<String, byte[]> xattrs = xattrs(path);
            switch (st.type()) {
                case Stat.S_IFDIR -> {
                    boolean opaque = Arrays.equals(Posix.getXattr(path, TarExtractor.OPAQUE_XATTR).orElse(null),
                            new byte[] {'y'});
                    write(new TarEntry(name + "/", TarType.DIRECTORY, st.permissions(), st.uid(), st.gid(), 0, mtime,
                            0, "", 0, 0, xattrs), null);
                    if (normalize) {
                        Map<String, byte[]> all = new TreeMap<>(xattrs);
                        if (opaque) {
                            all.put(TarExtractor.OPAQUE_XATTR, new byte[] {'y'});
                        }
                        line(name, "d", st, "-", all);
                    }
                    if (opaque) {
                        write(new TarEntry(name + "/" + TarExtractor.OPAQUE_MARKER, TarType.REGULAR, 0600, st.uid(),
                                st.gid(), 0, mtime, 0, "", 0, 0, Map.of()), null);
                    }
                    directory(path, name + "/");
                    if (normalize) {
                        // again: deleting a socket inside, or a child's xattr, may have moved it
                        Posix.setTimes(path, mtime, 0);
                    }
                }
                case Stat.S_IFREG, Stat.S_IFLNK -> {
                    if (st.nlink() > 1) {
                        String key = st.dev() + ":" + st.ino();
                        String first = inodes.putIfAbsent(key, name);
                        if (first != null) {
                            write(new TarEntry(name, TarType.HARDLINK, st.permissions(), st.uid(), st.gid(), 0,
                                    mtime, 0, first, 0, 0, Map.of()), null);
                            line(name, st.isSymlink() ? "l" : "f", st, payloads.get(key), xattrs);
                            return;
                        }
                    }
                    String payload;
                    if (st.isSymlink()) {
                        String target = Files.readSymbolicLink(path).toString();
                        write(new TarEntry(name, TarType.SYMLINK, st.permissions(), st.uid(), st.gid(), 0, mtime, 0,
                                target, 0, 0, xattrs), null);
                        payload = TreeManifest.linkPayload(target);
                    } else {
                        try (InputStream in = Files.newInputStream(path, StandardOpenOption.READ,
                                LinkOption.NOFOLLOW_LINKS)) {
                            // hashed as it is packed: the manifest's content digest costs no second read
                            DigestInputStream hashed = new DigestInputStream(in, Digest.newSha256());
                            hashed.on(normalize);
                            write(new TarEntry(name, TarType.REGULAR, st.permissions(), st.uid(), st.gid(), st.size(),
                                    mtime, 0, "", 0, 0, xattrs), hashed);
                            payload = normalize ? TreeManifest.filePayload(st.size(), hashed.getMessageDigest().digest())
                                    : "";
                        }
                    }
                    line(name, st.isSymlink() ? "l" : "f", st, payload, xattrs);
                    if (normalize && st.nlink() > 1) {
                        payloads.put(st.dev() + ":" + st.ino(), payload);
                    }
                }
                case Stat.S_IFCHR, Stat.S_IFBLK -> {
                    write(new TarEntry(name, st.type() == Stat.S_IFCHR ? TarType.CHAR_DEVICE : TarType.BLOCK_DEVICE,
                            st.permissions(), st.uid(), st.gid(), 0, mtime, 0, "", DeviceNumbers.major(st.rdev()),
                            DeviceNumbers.minor(st.rdev()), xattrs), null);
                    line(name, st.type() == Stat.S_IFCHR ? "c" : "b", st,
                            DeviceNumbers.major(st.rdev()) + "," + DeviceNumbers.minor(st.rdev()), xattrs);
                }
                case Stat.S_IFIFO -> {
                    write(new TarEntry(name, TarType.FIFO, st.permissions(), st.uid(), st.gid(), 0, mtime, 0, "", 0, 0,
                            xattrs), null);
                    line(name, "p", st, "-", xattrs);
                }
                default -> {
                    // sockets: tar cannot hold them; Docker skips them too
                }
            }
        }

        /**
         * Brings one entry to what the unpacker makes of its tar entry (see {@link #packForAdoption}).
         * A directory's own time is set again after its children, which may change it.
         *
         * @return false when the entry was deleted (a socket)
         */
        private boolean normalize(Path path, Stat st, String name, long mtime) throws IOException {
            switch (st.type()) {
                case Stat.S_IFCHR -> {
                    // other device nodes and fifos are layer content as they are (issue 10 A16)
                    if (st.isWhiteout() && st.permissions() != 0) {
                        Posix.chmod(path, 0);
                    }
                }
                case Stat.S_IFSOCK -> {
                    Files.delete(path);
                    return false;
                }
                case Stat.S_IFLNK -> {
                    String target = Files.readSymbolicLink(path).toString();
                    int slash = name.lastIndexOf('/');
                    if (TarExtractor.escapes(EntryPath.parse(name, slash < 0 ? "." : name.substring(0, slash), "name"),
                            target)) {
                        throw new InvalidLayerException(name, "symlink target escapes the layer: " + target);
                    }
                }
                default -> {
                }
            }
            if (st.type() != Stat.S_IFCHR) {
                for (String x : Posix.listXattrs(path)) {
                    if (x.startsWith("trusted.overlay.") && !x.equals(TarExtractor.OPAQUE_XATTR)) {
                        Posix.removeXattr(path, x);
                    }
                }
            }
            if (st.mtimeNanos() != 0 || st.mtimeSeconds() != mtime) {
                Posix.setTimes(path, mtime, 0);
            }
            return true;
        }

        private void write(TarEntry e, InputStream content) throws IOException {
            if (content == null) {
                writer.write(e);
            } else {
                writer.write(e, content);
            }
            entries++;
        }

        /** Every xattr of the path, sorted by name. */
        private static Map<String, byte[]> allXattrs(Path path) throws IOException {
            Map<String, byte[]> out = new TreeMap<>();
            for (String n : Posix.listXattrs(path)) {
                Posix.getXattr(path, n).ifPresent(v -> out.put(n, v));
            }
            return out;
        }

        private static Map<String, byte[]> xattrs(Path path) throws IOException {
            Map<String, byte[]> out = new TreeMap<>();
            List<String> names = Posix.listXattrs(path);
            for (String n : names) {
                if (n.startsWith("trusted.overlay.")) {
                    continue; // overlay's own bookkeeping: whiteouts and opaque dirs are written as entries
                }
                Posix.getXattr(path, n).ifPresent(v -> out.put(n, v));
            }
            return out;
        }
    }

    private static final class HashingOutputStream extends FilterOutputStream {
        private final MessageDigest sha256 = Digest.newSha256();
        private long count;

        HashingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha256.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha256.update(b, off, len);
            count += len;
        }

        Digest digest() {
            return Digest.ofSha256(sha256.digest());
        }
    }
}
