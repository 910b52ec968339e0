package io.cairn.engine.container;

import io.cairn.api.ConflictException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.storage.layer.TarExtractor;
import io.cairn.storage.layer.tar.TarEntry;
import io.cairn.storage.layer.tar.TarReader;
import io.cairn.storage.layer.tar.TarType;
import io.cairn.storage.layer.tar.TarWriter;
import io.cairn.storage.posix.Beneath;
import io.cairn.storage.posix.DeviceNumbers;
import io.cairn.storage.posix.InRoot;
import io.cairn.storage.posix.Posix;
import io.cairn.storage.posix.PosixException;
import io.cairn.storage.posix.Stat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Docker's archive endpoints and {@code export}: a container's files as tar, both ways, whether it
 * runs or not. Paths are the container's: every one is resolved by the kernel inside the
 * container's root ({@link InRoot}), and every directory is then held open by descriptor while it
 * is read or written ({@link Beneath}), so a process in the container that swaps a directory for a
 * link to {@code /} while a copy runs sends it nowhere outside the root. Writes go through the one
 * extractor ({@link TarExtractor}, policy {@link TarExtractor.Policy#intoContainer}). A container
 * that does not run has its root filesystem mounted for the call, under the lock its start takes.
 */
public final class ContainerArchive {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final int ENOENT = 2;
    private static final int ENOTDIR = 20;

    /** Go's {@code os.FileMode} type bits, which Docker's path stat carries. */
    private static final long GO_DIR = 1L << 31;
    private static final long GO_SYMLINK = 1L << 27;
    private static final long GO_DEVICE = 1L << 26;
    private static final long GO_PIPE = 1L << 25;
    private static final long GO_SOCKET = 1L << 24;
    private static final long GO_SETUID = 1L << 23;
    private static final long GO_SETGID = 1L << 22;
    private static final long GO_CHAR = 1L << 21;
    private static final long GO_STICKY = 1L << 20;

    private final ContainerService service;
    private final ContainerRunner runner;
    private final ContainerWaits waits;

    ContainerArchive(ContainerService service, ContainerRunner runner, ContainerWaits waits) {
        this.service = service;
        this.runner = runner;
        this.waits = waits;
    }

    /**
     * Docker's {@code X-Docker-Container-Path-Stat}: the path's last component as named (a link is
     * not followed; {@code linkTarget} is where it leads, inside the container).
     *
     * @param mode Go's {@code os.FileMode}: permission bits plus type bits
     */
    public record PathStat(String name, long size, long mode, Instant mtime, String linkTarget) {
        public boolean directory() {
            return (mode & GO_DIR) != 0;
        }
    }

    @FunctionalInterface
    private interface InRootAction<T> {
        T apply(ContainerRecord c, InRoot root) throws IOException;
    }

    /** Runs {@code action} on the container's root filesystem, mounting it for the call when the container is stopped. */
    private <T> T withRoot(String ref, InRootAction<T> action) {
        ContainerRecord c = waits.settled(service.resolve(ref), SETTLE);
        Path rootfs = runner.directory(c.id()).resolve("rootfs");
        try {
            if (c.running()) {
                return action.apply(c, InRoot.of(rootfs));
            }
            synchronized (runner.lock(c.id())) {
                ContainerRecord now = service.resolve(c.id());
                if (now.running()) { // started while we waited for the lock: its mount is there
                    return action.apply(now, InRoot.of(rootfs));
                }
                runner.mountStopped(now);
                try {
                    return action.apply(now, InRoot.of(rootfs));
                } finally {
                    runner.unmountStopped(now.id());
                }
            }
        } catch (PosixException e) {
            if (e.errno() == ENOENT || e.errno() == ENOTDIR) {
                throw new NotFoundException("Could not find the file " + e.getMessage() + " in container " + ref);
            }
            throw new EngineFailureException("container " + ref + ": " + e.getMessage(), e);
        } catch (io.cairn.storage.layer.InvalidLayerException | io.cairn.storage.layer.tar.TarFormatException e) {
            // the client's tar, not the engine, is at fault
            throw new InvalidArgumentException("container " + ref + ": " + e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new NotFoundException("Could not find the file " + e.getFile() + " in container " + ref);
        } catch (IOException e) {
            throw new EngineFailureException("container " + ref + ": " + e.getMessage(), e);
        }
    }

    /** {@code HEAD /containers/{id}/archive}: the stat of {@code path}, 404 when it does not exist. */
    public PathStat stat(String ref, String path) {
        return withRoot(ref, (c, root) -> stat(root, containerPath(path), ref));
    }

    /**
     * {@code GET /containers/{id}/archive}: {@code head} hears the path's stat before any byte is
     * written (the header), then the tar of the path, named by its last component, goes to {@code out}.
     */
    public void get(String ref, String path, Consumer<PathStat> head, Supplier<OutputStream> out) {
        withRoot(ref, (c, root) -> {
            String p = containerPath(path);
            PathStat st = stat(root, p, ref);
            head.accept(st);
            TarWriter tar = new TarWriter(out.get());
            String parent = parentOf(p);
            try (Beneath dir = root.openDirectory(parent)) {
                new Walker(tar).entry(dir, nameOf(p), st.name());
            }
            tar.finish();
            return null;
        });
    }

    /** {@code GET /containers/{id}/export}: the container's whole filesystem as a tar. */
    public void export(String ref, OutputStream out) {
        withRoot(ref, (c, root) -> {
            TarWriter tar = new TarWriter(out);
            try (Beneath dir = root.openDirectory("")) {
                new Walker(tar).children(dir, "");
            }
            tar.finish();
            return null;
        });
    }

    /**
     * {@code PUT /containers/{id}/archive}: extracts {@code tar} into directory {@code path}, which
     * must exist. Without {@code copyUidGid}, entries belong to the container's root (0:0), as in Docker.
     */
    public void put(String ref, String path, InputStream tar, boolean noOverwriteDirNonDir, boolean copyUidGid) {
        withRoot(ref, (c, root) -> {
            if (c.config().readOnly()) {
                throw new ConflictException("container rootfs is marked read-only");
            }
            String p = containerPath(path);
            Beneath dir;
            try {
                dir = root.openDirectory(p);
            } catch (PosixException e) {
                if (e.errno() == ENOTDIR) {
                    throw new InvalidArgumentException("extraction point is not a directory: " + p);
                }
                throw new NotFoundException("Could not find the file " + p + " in container " + ref);
            }
            try (dir) {
                extractInto(dir, tar, noOverwriteDirNonDir, copyUidGid);
            }
            return null;
        });
    }

    /**
     * Extracts {@code tar} into a directory of a container held open by descriptor, through the one
     * extractor; without {@code copyUidGid} every entry belongs to 0:0.
     */
    public static void extractInto(Beneath dir, InputStream tar, boolean noOverwriteDirNonDir, boolean copyUidGid)
            throws IOException {
        TarExtractor extractor = new TarExtractor(dir.path(), TarExtractor.Policy.intoContainer(noOverwriteDirNonDir));
        TarReader reader = new TarReader(tar);
        for (TarEntry e = reader.next(); e != null; e = reader.next()) {
            TarEntry entry = copyUidGid ? e : new TarEntry(e.name(), e.type(), e.mode(), 0, 0, e.size(),
                    e.mtimeSeconds(), e.mtimeNanos(), e.linkName(), e.devMajor(), e.devMinor(), e.xattrs());
            extractor.extract(entry, reader.content());
        }
        extractor.finish();
    }

    private static PathStat stat(InRoot root, String p, String ref) throws IOException {
        String parent = parentOf(p);
        String name = nameOf(p);
        try (Beneath dir = root.openDirectory(parent)) {
            Path at = name.equals(".") ? dir.path().resolve(".") : dir.path().resolve(name);
            Stat st;
            try {
                st = Posix.lstat(at);
            } catch (PosixException e) {
                throw new NotFoundException("Could not find the file " + p + " in container " + ref);
            }
            String linkTarget = "";
            if (st.isSymlink()) {
                Path resolved = root.resolve(p);
                linkTarget = "/" + root.root().relativize(resolved);
            }
            return new PathStat(baseName(p), st.size(), goMode(st), Instant.ofEpochSecond(st.mtimeSeconds()), linkTarget);
        }
    }

    /** Writes a tree to a tar, reading every directory through a descriptor reached without links. */
    private static final class Walker {
        private final TarWriter tar;
        private final Map<String, String> inodes = new HashMap<>();

        Walker(TarWriter tar) {
            this.tar = tar;
        }

        /** The entry {@code name} of held directory {@code dir}, written as {@code as}. */
        void entry(Beneath dir, String name, String as) throws IOException {
            Path at = dir.path().resolve(name);
            Stat st = Posix.lstat(at);
            Map<String, byte[]> xattrs = Map.of();
            long mtime = st.mtimeSeconds();
            switch (st.type()) {
                case Stat.S_IFDIR -> {
                    tar.write(new TarEntry(as + "/", TarType.DIRECTORY, st.permissions(), st.uid(), st.gid(), 0, mtime,
                            0, "", 0, 0, xattrs));
                    try (Beneath sub = name.equals(".") ? open(dir, "") : open(dir, name)) {
                        children(sub, as + "/");
                    }
                }
                case Stat.S_IFLNK -> tar.write(new TarEntry(as, TarType.SYMLINK, st.permissions(), st.uid(), st.gid(),
                        0, mtime, 0, Files.readSymbolicLink(at).toString(), 0, 0, xattrs));
                case Stat.S_IFREG -> {
                    String key = st.dev() + ":" + st.ino();
                    if (st.nlink() > 1 && inodes.containsKey(key)) {
                        tar.write(new TarEntry(as, TarType.HARDLINK, st.permissions(), st.uid(), st.gid(), 0, mtime, 0,
                                inodes.get(key), 0, 0, xattrs));
                        return;
                    }
                    inodes.put(key, as);
                    try (InputStream in = Files.newInputStream(at, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                        // exactly the size lstat saw: a file the container grows meanwhile is cut there, one it shrinks fails the copy
                        tar.write(new TarEntry(as, TarType.REGULAR, st.permissions(), st.uid(), st.gid(), st.size(),
                                mtime, 0, "", 0, 0, xattrs), in);
                    }
                }
                case Stat.S_IFCHR, Stat.S_IFBLK -> tar.write(new TarEntry(as, st.type() == Stat.S_IFCHR
                        ? TarType.CHAR_DEVICE : TarType.BLOCK_DEVICE, st.permissions(), st.uid(), st.gid(), 0, mtime, 0,
                        "", DeviceNumbers.major(st.rdev()), DeviceNumbers.minor(st.rdev()), xattrs));
                case Stat.S_IFIFO -> tar.write(new TarEntry(as, TarType.FIFO, st.permissions(), st.uid(), st.gid(), 0,
                        mtime, 0, "", 0, 0, xattrs));
                default -> {
                    // sockets have no tar form: Docker leaves them out too
                }
            }
        }

        void children(Beneath dir, String prefix) throws IOException {
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> list = Files.newDirectoryStream(dir.path().resolve("."))) {
                list.forEach(p -> names.add(p.getFileName().toString()));
            }
            names.sort(null);
            for (String n : names) {
                try {
                    entry(dir, n, prefix + n);
                } catch (java.nio.file.NoSuchFileException | PosixException gone) {
                    // removed by the container while we walked: what is gone is not archived
                    if (gone instanceof PosixException pe && pe.errno() != ENOENT) {
                        throw pe;
                    }
                }
            }
        }

        /** A subdirectory of a held directory, reached without following a link (one swapped in meanwhile is refused). */
        private static Beneath open(Beneath dir, String name) throws IOException {
            return Beneath.open(dir.path().resolve("."), name);
        }
    }

    private static String containerPath(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidArgumentException("the path parameter is required");
        }
        if (path.indexOf('\0') >= 0) {
            throw new InvalidArgumentException("invalid path: it contains a NUL byte");
        }
        return path.startsWith("/") ? path : "/" + path;
    }

    /** The directory part of a container path, for {@link InRoot#openDirectory}. */
    private static String parentOf(String p) {
        String s = trimSlashes(p);
        int slash = s.lastIndexOf('/');
        return slash < 0 ? "" : s.substring(0, slash);
    }

    /** The last component of a container path ({@code .} for the root). */
    private static String nameOf(String p) {
        String s = trimSlashes(p);
        return s.isEmpty() ? "." : s.substring(s.lastIndexOf('/') + 1);
    }

    /** Docker's name for the archive's top entry: the last component as written ({@code /} gives {@code .}). */
    private static String baseName(String p) {
        return nameOf(p);
    }

    private static String trimSlashes(String p) {
        String s = p;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static long goMode(Stat st) {
        long mode = st.permissions() & 0777;
        int perms = st.permissions();
        if ((perms & 04000) != 0) {
            mode |= GO_SETUID;
        }
        if ((perms & 02000) != 0) {
            mode |= GO_SETGID;
        }
        if ((perms & 01000) != 0) {
            mode |= GO_STICKY;
        }
        mode |= switch (st.type()) {
            case Stat.S_IFDIR -> GO_DIR;
            case Stat.S_IFLNK -> GO_SYMLINK;
            case Stat.S_IFCHR -> GO_DEVICE | GO_CHAR;
            case Stat.S_IFBLK -> GO_DEVICE;
            case Stat.S_IFIFO -> GO_PIPE;
            case Stat.S_IFSOCK -> GO_SOCKET;
            default -> 0;
        };
        return mode;
    }
}
