package io.cairn.storage.layer;

import io.cairn.storage.layer.tar.TarEntry;
import io.cairn.storage.layer.tar.TarType;
import io.cairn.storage.posix.Beneath;
import io.cairn.storage.posix.NewFile;
import io.cairn.storage.posix.Posix;
import io.cairn.storage.posix.Stat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one tar extractor of Cairn: applies tar entries to a private directory. Layer unpacking,
 * image archives, build contexts, ADD's local archives and COPY's staging all write through it.
 *
 * <p>Safety rests on three rules: names are normalised and may not be absolute or contain
 * {@code ..} ({@link EntryPath}); every parent of an entry is checked with lstat to be a real
 * directory, so an entry never lands under a symlink, even one made by an earlier entry; and
 * final components are created with O_EXCL/O_NOFOLLOW semantics after removing what was there
 * (a non-directory replacing a directory takes everything below it away).
 * The directory must start empty and not be shared while extracting (the checks assume no one
 * else changes it).
 *
 * <p>Policy ({@link Policy}): for layers, symlinks are kept when their target, resolved inside the
 * layer as the kernel would resolve it (absolute targets from the root, links met on the way
 * followed, checked once every entry is in place so that a later entry cannot change an earlier
 * link's meaning), stays inside it; a target that climbs above the root is refused. Hard links
 * must name an existing entry reached without symlinks that is neither a directory nor a symlink.
 * Device nodes and fifos are created as recorded: the engine's root is closed to other users, its
 * host-side mounts are {@code nodev} and containers run under a deny-all device cgroup, so a node
 * reaches no host device. Character devices 0/0 are overlay whiteouts, and {@code .wh.} names
 * whiteouts, when the policy says so. {@code trusted.overlay.*} xattrs in the archive are dropped:
 * only whiteout entries may produce overlay metadata. Ownership, permission bits
 * (setuid/setgid/sticky included), xattrs and mtimes are applied as recorded; directory mtimes
 * last, since filling a directory changes it.
 */
public final class TarExtractor {
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    static final String OPAQUE_XATTR = "trusted.overlay.opaque";
    private static final String META_PREFIX = ".wh..wh.";

    /**
     * What an extraction accepts and how it reads names.
     *
     * @param whiteouts       {@code .wh.} names and char devices 0/0 are overlay whiteouts (layers),
     *                        or plain names and nodes (a build's staging, as Docker copies them)
     * @param rootEntry       an entry naming the root applies its metadata to it; when false it is skipped
     *                        (ADD into an existing directory keeps that directory's metadata)
     * @param confineSymlinks refuse symlinks that resolve above the root (layers); a build's staging
     *                        keeps a context's links as they are, as Docker does
     * @param types           the entry types accepted; others are refused naming the entry
     * @param populated       the directory may already hold files (a container's, for {@code cp}):
     *                        what is in an entry's way is looked up on disk and replaced, not assumed absent
     * @param keepKinds       with {@code populated}: an existing directory is never replaced by a
     *                        non-directory nor the reverse (Docker's {@code noOverwriteDirNonDir})
     * @param endAtEof        a stream that ends cleanly between entries, without the end-of-archive
     *                        marker, is complete ({@link io.cairn.storage.layer.tar.TarReader#TarReader(
     *                        java.io.InputStream, boolean)}): a build context, as dockerd reads one
     */
    public record Policy(boolean whiteouts, boolean rootEntry, boolean confineSymlinks, Set<TarType> types,
                         boolean populated, boolean keepKinds, boolean endAtEof) {
        public Policy {
            types = Set.copyOf(types);
        }

        public Policy(boolean whiteouts, boolean rootEntry, boolean confineSymlinks, Set<TarType> types) {
            this(whiteouts, rootEntry, confineSymlinks, types, false, false, false);
        }

        /**
         * {@code cp} into a container's directory, which holds files already: names as written (no
         * whiteouts), links kept as they are (the container resolves them), no device nodes.
         */
        public static Policy intoContainer(boolean keepKinds) {
            return new Policy(false, false, false, EnumSet.of(TarType.DIRECTORY, TarType.REGULAR, TarType.SYMLINK,
                    TarType.HARDLINK, TarType.FIFO), true, keepKinds, false);
        }

        /** An image layer. */
        public static final Policy LAYER = new Policy(true, true, true, EnumSet.allOf(TarType.class));
        /** What COPY and ADD stage for a build step. */
        public static final Policy BUILD = new Policy(false, false, false, EnumSet.allOf(TarType.class));
        /** A build context sent with the request: a build's staging that may end without the marker. */
        public static final Policy CONTEXT = new Policy(false, false, false, EnumSet.allOf(TarType.class), false,
                false, true);
    }

    /** What this extraction accepts. */
    public Policy policy() {
        return policy;
    }

    /** Symlink loops give up after as many hops as Linux does. */
    private static final int MAX_LINK_HOPS = 40;

    private final Path root;
    private final Policy policy;
    /** Symlinks made, checked to resolve inside the root once every entry is in place. */
    private final List<EntryPath> links = new ArrayList<>();
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

    /** A layer's extractor. @param root an empty directory that nothing else writes to while extracting */
    TarExtractor(Path root) {
        this(root, Policy.LAYER);
    }

    /** @param root an empty directory that nothing else writes to while extracting */
    public TarExtractor(Path root, Policy policy) {
        this.root = root;
        this.policy = policy;
    }

    /** Applies one entry; {@code content} is read to its end for regular files. */
    public void extract(TarEntry e, InputStream content) throws IOException {
        extract(EntryPath.parse(e.name(), "", "base"), e, content);
    }

    /**
     * Applies one entry below directory {@code base} (a clean relative path, {@code ""} for the
     * root; made if missing): the entry's name, hard link target and confinement are read from there.
     */
    public void extract(String base, TarEntry e, InputStream content) throws IOException {
        extract(EntryPath.parse(e.name(), base, "base"), e, content);
    }

    /** Makes directory {@code rel} and its missing parents (0755, root's), as an entry below it would. */
    public void directories(String rel) throws IOException {
        EntryPath path = EntryPath.parse(rel, rel, "directory");
        if (!path.isRoot()) {
            parents(rel, path.child("."), true);
        }
    }

    private void extract(EntryPath base, TarEntry e, InputStream content) throws IOException {
        if (!policy.types().contains(e.type())) {
            throw new InvalidLayerException(e.name(), describe(e) + " is not allowed here");
        }
        EntryPath path = base.append(EntryPath.parse(e.name(), e.name(), "name"));
        if (path.isRoot() || path.equals(base)) {
            if (e.type() != TarType.DIRECTORY) {
                throw new InvalidLayerException(e.name(), "the root can only be a directory, not " + e.type());
            }
            if (policy.rootEntry() && path.isRoot()) {
                applyMetadata(e, new Spot(root, root), true);
            } else if (!path.isRoot()) {
                parents(e.name(), path.child("."), true);
            }
            return;
        }
        String name = path.fileName();
        if (policy.whiteouts() && name.startsWith(WHITEOUT_PREFIX)) {
            whiteout(e, path, name);
            return;
        }
        Path dir = parents(e.name(), path, true);
        try (Beneath anchor = anchor(e.name(), dir)) {
            Spot target = new Spot(dir.resolve(name), anchor.path().resolve(name));
            switch (e.type()) {
                case DIRECTORY -> directory(e, target);
                case REGULAR -> regular(e, target, content);
                case SYMLINK -> symlink(e, path, target);
                case HARDLINK -> hardlink(e, base, path, target);
                case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> {
                    if (policy.whiteouts() && e.type() == TarType.CHAR_DEVICE && e.devMajor() == 0
                            && e.devMinor() == 0) {
                        makeWhiteout(e, target);
                    } else {
                        node(e, target);
                    }
                }
            }
        }
    }

    /**
     * Where an entry is: {@code logical} under the root, for this extraction's bookkeeping, and
     * {@code at}, the same name in its parent held open by a {@link Beneath}, for every system call,
     * so that no call resolves a path string that could lead out through a link.
     */
    private record Spot(Path logical, Path at) {
    }

    /** Holds {@code dir} (a directory under the root, checked by {@link #parents}) open without following links. */
    private Beneath anchor(String entry, Path dir) throws IOException {
        try {
            return Beneath.open(root, root.relativize(dir).toString());
        } catch (io.cairn.storage.posix.PosixException x) {
            throw new InvalidLayerException(entry, "its directory cannot be reached without following a link: "
                    + x.getMessage(), x);
        }
    }

    private static String describe(TarEntry e) {
        return switch (e.type()) {
            case CHAR_DEVICE -> "device node (char " + e.devMajor() + ":" + e.devMinor() + ")";
            case BLOCK_DEVICE -> "device node (block " + e.devMajor() + ":" + e.devMinor() + ")";
            case FIFO -> "fifo";
            case HARDLINK -> "hard link (to " + e.linkName() + ")";
            case SYMLINK -> "symlink";
            case DIRECTORY -> "directory";
            case REGULAR -> "regular file";
        };
    }

    /**
     * Checks that every symlink made resolves inside the root, then applies the deferred
     * directory mtimes, deepest last-seen first.
     */
    public void finish() throws IOException {
        if (policy.confineSymlinks()) {
            for (EntryPath link : links) {
                if (resolvesAbove(link)) {
                    throw new InvalidLayerException(link.toString(), "symlink target escapes the layer: "
                            + Files.readSymbolicLink(link.under(root)) + " (resolved through the links in the layer)");
                }
            }
        }
        links.clear();
        List<Map.Entry<Path, long[]>> entries = new ArrayList<>(dirTimes.entrySet());
        for (int i = entries.size() - 1; i >= 0; i--) {
            long[] t = entries.get(i).getValue();
            Posix.setTimes(entries.get(i).getKey(), t[0], (int) t[1]);
        }
        dirTimes.clear();
    }

    private void whiteout(TarEntry e, EntryPath path, String base) throws IOException {
        Path dir = parents(e.name(), path, true);
        try (Beneath anchor = anchor(e.name(), dir)) {
            if (base.equals(OPAQUE_MARKER)) {
                Posix.setXattr(anchor.path().resolve("."), OPAQUE_XATTR, new byte[] {'y'});
                return;
            }
            if (base.startsWith(META_PREFIX)) {
                return; // aufs metadata (.wh..wh.plnk, .wh..wh.aufs): meaningless for overlay, as Docker does
            }
            String hidden = base.substring(WHITEOUT_PREFIX.length());
            if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
                throw new InvalidLayerException(e.name(), "whiteout of an invalid name '" + hidden + "'");
            }
            makeWhiteout(e, new Spot(dir.resolve(hidden), anchor.path().resolve(hidden)));
        }
    }

    private void makeWhiteout(TarEntry e, Spot target) throws IOException {
        removeExisting(target, false);
        created.add(target.logical());
        Posix.mknodChar(target.at(), 0, 0, 0);
        Posix.lchown(target.at(), (int) e.uid(), (int) e.gid());
        Posix.setTimes(target.at(), e.mtimeSeconds(), e.mtimeNanos());
    }

    private void node(TarEntry e, Spot target) throws IOException {
        removeExisting(target, false);
        created.add(target.logical());
        int type = switch (e.type()) {
            case CHAR_DEVICE -> Stat.S_IFCHR;
            case BLOCK_DEVICE -> Stat.S_IFBLK;
            default -> Stat.S_IFIFO;
        };
        Posix.mknod(target.at(), type, 0, e.devMajor(), e.devMinor());
        // chown before chmod: chown clears setuid/setgid.
        Posix.lchown(target.at(), (int) e.uid(), (int) e.gid());
        Posix.chmod(target.at(), e.mode()); // just made by mknod, so not a symlink
        setXattrs(e, target.at());
        Posix.setTimes(target.at(), e.mtimeSeconds(), e.mtimeNanos());
    }

    private void directory(TarEntry e, Spot target) throws IOException {
        if (!removeExisting(target, true)) {
            created.add(target.logical());
            Files.createDirectory(target.at());
        }
        applyMetadata(e, target, true);
    }

    private void regular(TarEntry e, Spot target, InputStream content) throws IOException {
        removeExisting(target, false);
        created.add(target.logical());
        try (NewFile file = NewFile.create(target.at(), target.logical())) {
            int n;
            while ((n = content.read(buffer)) > 0) {
                file.write(buffer, n);
            }
            // chown before chmod: chown clears setuid/setgid.
            file.chown((int) e.uid(), (int) e.gid());
            file.chmod(e.mode());
            setXattrs(e, target.at());
            file.setTimes(e.mtimeSeconds(), e.mtimeNanos());
        }
    }

    private void symlink(TarEntry e, EntryPath path, Spot target) throws IOException {
        if (e.linkName().isEmpty()) {
            throw new InvalidLayerException(e.name(), "symlink with an empty target");
        }
        if (policy.confineSymlinks() && escapes(path.parent(), e.linkName())) {
            throw new InvalidLayerException(e.name(), "symlink target escapes the layer: " + e.linkName());
        }
        removeExisting(target, false);
        created.add(target.logical());
        links.add(path);
        Files.createSymbolicLink(target.at(), target.at().getFileSystem().getPath(e.linkName()));
        Posix.lchown(target.at(), (int) e.uid(), (int) e.gid());
        setXattrs(e, target.at());
        Posix.setTimes(target.at(), e.mtimeSeconds(), e.mtimeNanos());
    }

    private void hardlink(TarEntry e, EntryPath base, EntryPath path, Spot target) throws IOException {
        EntryPath linked = base.append(EntryPath.parse(e.name(), e.linkName(), "hard link target"));
        if (linked.isRoot()) {
            throw new InvalidLayerException(e.name(), "hard link to the layer root");
        }
        if (linked.equals(path)) {
            throw new InvalidLayerException(e.name(), "hard link to itself");
        }
        Path sourceDir = parents(e.name(), linked, false);
        try (Beneath anchor = anchor(e.name(), sourceDir)) {
            Path source = anchor.path().resolve(linked.fileName());
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException x) {
                throw new InvalidLayerException(e.name(), "hard link target does not exist: " + e.linkName());
            }
            if (attrs.isDirectory()) {
                throw new InvalidLayerException(e.name(), "hard link to a directory: " + e.linkName());
            }
            if (attrs.isSymbolicLink()) {
                // a link to a link would carry the symlink's meaning where no link check looked at it
                throw new InvalidLayerException(e.name(), "hard link to a symlink: " + e.linkName());
            }
            removeExisting(target, false);
            created.add(target.logical());
            Files.createLink(target.at(), source);
        }
    }

    /**
     * Returns the entry's parent directory, checking (and with {@code create}, making) every
     * component as a real directory. Implicit directories get mode 0755 and root ownership, as tar does.
     */
    private Path parents(String entry, EntryPath path, boolean create) throws IOException {
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
                    throw new InvalidLayerException(entry, "'" + key + "' does not exist");
                }
                created.add(dir);
                try (Beneath anchor = anchor(entry, dir.getParent())) {
                    Path made = anchor.path().resolve(comps.get(i));
                    Files.createDirectory(made);
                    Posix.chmod(made, 0755); // just made, so not a link
                }
                knownDirs.add(key);
                continue;
            }
            if (attrs.isSymbolicLink()) {
                throw new InvalidLayerException(entry, "path climbs through the symlink '" + key + "'");
            }
            if (!attrs.isDirectory()) {
                throw new InvalidLayerException(entry, "'" + key + "' is not a directory");
            }
            knownDirs.add(key);
        }
        return dir;
    }

    /**
     * Clears the way for a new entry at {@code target}. Returns true when {@code target} is a
     * directory that was kept because the new entry is a directory too.
     */
    private boolean removeExisting(Spot target, boolean keepDirectory) throws IOException {
        Path logical = target.logical();
        boolean ours = created.contains(logical);
        if (!ours && !policy.populated()) {
            return false;
        }
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(target.at(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException x) {
            return false;
        }
        if (!ours && policy.keepKinds() && attrs.isDirectory() != keepDirectory) {
            String rel = root.relativize(logical).toString();
            throw new InvalidLayerException(rel, attrs.isDirectory()
                    ? "cannot overwrite directory \"" + rel + "\" with non-directory"
                    : "cannot overwrite non-directory \"" + rel + "\" with directory");
        }
        if (attrs.isDirectory()) {
            if (keepDirectory) {
                return true;
            }
            Directories.deleteRecursively(target.at());
            knownDirs.clear();
            created.removeIf(p -> p.startsWith(logical));
            dirTimes.keySet().removeIf(p -> p.startsWith(logical));
        } else {
            Files.delete(target.at());
            created.remove(logical);
        }
        return false;
    }

    private void applyMetadata(TarEntry e, Spot target, boolean directory) throws IOException {
        Path at = target.at();
        // chown before chmod: chown clears setuid/setgid.
        Posix.lchown(at, (int) e.uid(), (int) e.gid());
        Posix.chmod(at, e.mode());
        setXattrs(e, at);
        if (directory) {
            dirTimes.remove(target.logical());
            dirTimes.put(target.logical(), new long[] {e.mtimeSeconds(), e.mtimeNanos()});
        } else {
            Posix.setTimes(at, e.mtimeSeconds(), e.mtimeNanos());
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
     * Whether symlink {@code link} resolves above the root when followed as the kernel would, with
     * the root as {@code /}: the links met on the way are followed (a chain {@code a -> .},
     * {@code b -> a/a/../..} climbs out although each reads as inside), and once a component is
     * missing the rest is read lexically. A loop is not an escape: it resolves to nothing.
     */
    private boolean resolvesAbove(EntryPath link) throws IOException {
        Path file = link.under(root);
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return false; // replaced or removed by a later entry
        }
        if (!attrs.isSymbolicLink()) {
            return false;
        }
        List<String> at = new ArrayList<>(link.parent().components());
        Deque<String> todo = new ArrayDeque<>();
        int hops = 0;
        String target = Files.readSymbolicLink(file).toString();
        while (true) {
            if (target.startsWith("/")) {
                at.clear();
            }
            List<String> parts = Arrays.asList(target.split("/"));
            for (int i = parts.size() - 1; i >= 0; i--) {
                todo.push(parts.get(i));
            }
            target = null;
            while (!todo.isEmpty() && target == null) {
                String c = todo.pop();
                if (c.isEmpty() || c.equals(".")) {
                    continue;
                }
                if (c.equals("..")) {
                    if (at.isEmpty()) {
                        return true;
                    }
                    at.remove(at.size() - 1);
                    continue;
                }
                at.add(c);
                Path p = new EntryPath(List.copyOf(at)).under(root);
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (FileSystemException missing) {
                    return lexicallyAbove(at.size(), todo);
                }
                if (a.isSymbolicLink()) {
                    if (++hops > MAX_LINK_HOPS) {
                        return false;
                    }
                    at.remove(at.size() - 1);
                    target = Files.readSymbolicLink(p).toString();
                } else if (!a.isDirectory() && !todo.isEmpty()) {
                    return false; // a file in the middle: ENOTDIR, resolves to nothing
                }
            }
            if (target == null) {
                return false;
            }
        }
    }

    private static boolean lexicallyAbove(int depth, Deque<String> rest) {
        int d = depth;
        for (String c : rest) {
            if (c.equals("..")) {
                if (--d < 0) {
                    return true;
                }
            } else if (!c.isEmpty() && !c.equals(".")) {
                d++;
            }
        }
        return false;
    }

    /**
     * Whether {@code linkName}, read from directory {@code dir} of the layer, leaves the layer root
     * when resolved lexically: the check made as each link arrives; {@link #finish} checks the
     * real resolution.
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
