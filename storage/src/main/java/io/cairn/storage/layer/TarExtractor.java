package io.cairn.storage.layer;

import io.cairn.storage.layer.tar.TarEntry;
import io.cairn.storage.layer.tar.TarType;
import io.cairn.storage.posix.NewFile;
import io.cairn.storage.posix.Posix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies tar entries to a private directory (the staging copy of one layer).
 *
 * <p>Safety rests on three rules: names are normalised and may not be absolute or contain
 * {@code ..} ({@link EntryPath}); every parent of an entry is checked with lstat to be a real
 * directory, so an entry never lands under a symlink, even one made by an earlier entry; and
 * final components are created with O_EXCL/O_NOFOLLOW semantics after removing what was there.
 * The directory must not be shared while extracting (the checks assume no one else changes it).
 *
 * <p>Policy: symlinks are kept when their target, resolved lexically inside the layer root
 * (absolute targets from the root, relative ones from the link's directory), stays inside it;
 * a target that climbs above the root is refused. Hard links must name an existing
 * non-directory entry reached without symlinks. Character devices 0/0 are overlay whiteouts and
 * allowed; every other device node, and every fifo, is refused: nothing a rootfs needs is missing
 * without them, and the store then never holds an entry that blocks or reaches a device when
 * opened. {@code trusted.overlay.*} xattrs in the archive are dropped: only whiteout entries may
 * produce overlay metadata. Ownership, permission bits (setuid/setgid/sticky included), xattrs and
 * mtimes are applied as recorded; directory mtimes last, since filling a directory changes it.
 */
final class TarExtractor {
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final String META_PREFIX = ".wh..wh.";

    private final Path root;
    private final byte[] buffer = new byte[128 * 1024];
    /** Relative paths already checked to be real directories (not symlinks). */
    private final Set<String> knownDirs = new HashSet<>();
    /**
     * Every path this extraction has created. The directory starts empty and is private, so a
     * path not in here does not exist, and no lstat (and no exception) is spent finding that out.
     */
    private final Set<Path> created = new HashSet<>();
    /** Directory mtimes to apply at the end, in order of last appearance. */
    private final Map<Path, long[]> dirTimes = new LinkedHashMap<>();

    /** @param root an empty directory that nothing else writes to while extracting */
    TarExtractor(Path root) {
        this.root = root;
    }

    void extract(TarEntry e, InputStream content) throws IOException {
        EntryPath path = EntryPath.parse(e.name(), e.name(), "name");
        if (path.isRoot()) {
            if (e.type() != TarType.DIRECTORY) {
                throw new InvalidLayerException(e.name(), "the layer root can only be a directory, not " + e.type());
            }
            applyMetadata(e, root, true);
            return;
        }
        String base = path.fileName();
        if (base.startsWith(WHITEOUT_PREFIX)) {
            whiteout(e, path, base);
            return;
        }
        Path target = parents(e, path, true).resolve(base);
        switch (e.type()) {
            case DIRECTORY -> directory(e, target);
            case REGULAR -> regular(e, target, content);
            case SYMLINK -> symlink(e, path, target);
            case HARDLINK -> hardlink(e, path, target);
            case CHAR_DEVICE -> {
                if (e.devMajor() != 0 || e.devMinor() != 0) {
                    throw new InvalidLayerException(e.name(), "device node (char " + e.devMajor() + ":"
                            + e.devMinor() + ") is not allowed in a layer");
                }
                makeWhiteout(e, target);
            }
            case BLOCK_DEVICE -> throw new InvalidLayerException(e.name(), "device node (block " + e.devMajor()
                    + ":" + e.devMinor() + ") is not allowed in a layer");
            case FIFO -> throw new InvalidLayerException(e.name(), "fifo is not allowed in a layer");
        }
    }

    /** Applies the deferred directory mtimes, deepest last-seen first. */
    void finish() throws IOException {
        List<Map.Entry<Path, long[]>> entries = new ArrayList<>(dirTimes.entrySet());
        for (int i = entries.size() - 1; i >= 0; i--) {
            long[] t = entries.get(i).getValue();
            Posix.setTimes(entries.get(i).getKey(), t[0], (int) t[1]);
        }
        dirTimes.clear();
    }

    private void whiteout(TarEntry e, EntryPath path, String base) throws IOException {
        Path dir = parents(e, path, true);
        if (base.equals(OPAQUE_MARKER)) {
            Posix.setXattr(dir, OPAQUE_XATTR, new byte[] {'y'});
            return;
        }
        if (base.startsWith(META_PREFIX)) {
            return; // aufs metadata (.wh..wh.plnk, .wh..wh.aufs): meaningless for overlay, as Docker does
        }
        String hidden = base.substring(WHITEOUT_PREFIX.length());
        if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
            throw new InvalidLayerException(e.name(), "whiteout of an invalid name '" + hidden + "'");
        }
        makeWhiteout(e, dir.resolve(hidden));
    }

    private void makeWhiteout(TarEntry e, Path target) throws IOException {
        removeExisting(target, false);
        created.add(target);
        Posix.mknodChar(target, 0, 0, 0);
        Posix.lchown(target, (int) e.uid(), (int) e.gid());
        Posix.setTimes(target, e.mtimeSeconds(), e.mtimeNanos());
    }

    private void directory(TarEntry e, Path target) throws IOException {
        if (!removeExisting(target, true)) {
            created.add(target);
            Files.createDirectory(target);
        }
        applyMetadata(e, target, true);
    }

    private void regular(TarEntry e, Path target, InputStream content) throws IOException {
        removeExisting(target, false);
        created.add(target);
        try (NewFile file = NewFile.create(target)) {
            int n;
            while ((n = content.read(buffer)) > 0) {
                file.write(buffer, n);
            }
            // chown before chmod: chown clears setuid/setgid.
            file.chown((int) e.uid(), (int) e.gid());
            file.chmod(e.mode());
            setXattrs(e, target);
            file.setTimes(e.mtimeSeconds(), e.mtimeNanos());
        }
    }

    private void symlink(TarEntry e, EntryPath path, Path target) throws IOException {
        if (e.linkName().isEmpty()) {
            throw new InvalidLayerException(e.name(), "symlink with an empty target");
        }
        if (escapes(path.parent(), e.linkName())) {
            throw new InvalidLayerException(e.name(), "symlink target escapes the layer: " + e.linkName());
        }
        removeExisting(target, false);
        created.add(target);
        Files.createSymbolicLink(target, target.getFileSystem().getPath(e.linkName()));
        Posix.lchown(target, (int) e.uid(), (int) e.gid());
        setXattrs(e, target);
        Posix.setTimes(target, e.mtimeSeconds(), e.mtimeNanos());
    }

    private void hardlink(TarEntry e, EntryPath path, Path target) throws IOException {
        EntryPath linked = EntryPath.parse(e.name(), e.linkName(), "hard link target");
        if (linked.isRoot()) {
            throw new InvalidLayerException(e.name(), "hard link to the layer root");
        }
        if (linked.equals(path)) {
            throw new InvalidLayerException(e.name(), "hard link to itself");
        }
        Path source = parents(e, linked, false).resolve(linked.fileName());
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException x) {
            throw new InvalidLayerException(e.name(), "hard link target does not exist: " + e.linkName());
        }
        if (attrs.isDirectory()) {
            throw new InvalidLayerException(e.name(), "hard link to a directory: " + e.linkName());
        }
        removeExisting(target, false);
        created.add(target);
        Files.createLink(target, source);
    }

    /**
     * Returns the entry's parent directory, checking (and with {@code create}, making) every
     * component as a real directory. Implicit directories get mode 0755 and root ownership, as tar does.
     */
    private Path parents(TarEntry e, EntryPath path, boolean create) throws IOException {
        Path dir = root;
        StringBuilder rel = new StringBuilder();
        List<String> comps = path.components();
        for (int i = 0; i < comps.size() - 1; i++) {
            dir = dir.resolve(comps.get(i));
            if (rel.length() > 0) {
                rel.append('/');
            }
            rel.append(comps.get(i));
            String key = rel.toString();
            if (knownDirs.contains(key)) {
                continue;
            }
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException x) {
                if (!create) {
                    throw new InvalidLayerException(e.name(), "'" + key + "' does not exist");
                }
                created.add(dir);
                Files.createDirectory(dir);
                Posix.chmod(dir, 0755);
                knownDirs.add(key);
                continue;
            }
            if (attrs.isSymbolicLink()) {
                throw new InvalidLayerException(e.name(), "path climbs through the symlink '" + key + "'");
            }
            if (!attrs.isDirectory()) {
                throw new InvalidLayerException(e.name(), "'" + key + "' is not a directory");
            }
            knownDirs.add(key);
        }
        return dir;
    }

    /**
     * Clears the way for a new entry at {@code target}. Returns true when {@code target} is a
     * directory that was kept because the new entry is a directory too.
     */
    private boolean removeExisting(Path target, boolean keepDirectory) throws IOException {
        if (!created.contains(target)) {
            return false;
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException x) {
            return false;
        }
        if (attrs.isDirectory()) {
            if (keepDirectory) {
                return true;
            }
            Directories.deleteRecursively(target);
            knownDirs.clear();
            created.removeIf(p -> p.startsWith(target));
            dirTimes.keySet().removeIf(p -> p.startsWith(target));
        } else {
            Files.delete(target);
            created.remove(target);
        }
        return false;
    }

    private void applyMetadata(TarEntry e, Path target, boolean directory) throws IOException {
        // chown before chmod: chown clears setuid/setgid.
        Posix.lchown(target, (int) e.uid(), (int) e.gid());
        Posix.chmod(target, e.mode());
        setXattrs(e, target);
        if (directory) {
            dirTimes.remove(target);
            dirTimes.put(target, new long[] {e.mtimeSeconds(), e.mtimeNanos()});
        } else {
            Posix.setTimes(target, e.mtimeSeconds(), e.mtimeNanos());
        }
    }

    private static void setXattrs(TarEntry e, Path target) throws IOException {
        for (Map.Entry<String, byte[]> x : e.xattrs().entrySet()) {
            if (x.getKey().startsWith("trusted.overlay.")) {
                continue;
            }
            Posix.setXattr(target, x.getKey(), x.getValue());
        }
    }

    /**
     * Whether {@code linkName}, read from directory {@code dir} of the layer, leaves the layer root
     * when resolved lexically.
     */
    static boolean escapes(EntryPath dir, String linkName) {
        int depth = linkName.startsWith("/") ? 0 : dir.components().size();
        for (String part : linkName.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (depth == 0) {
                    return true;
                }
                depth--;
            } else {
                depth++;
            }
        }
        return false;
    }
}
