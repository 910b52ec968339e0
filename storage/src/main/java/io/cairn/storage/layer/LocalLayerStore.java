package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;
import io.cairn.storage.posix.Posix;
import io.cairn.storage.posix.Stat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * {@link LayerStore} on a local filesystem.
 *
 * <pre>
 * layers/&lt;hex of chainID&gt;/diff/    the unpacked tree (the overlay lowerdir)
 * layers/&lt;hex of chainID&gt;/tree     its {@link TreeManifest}
 * layers/&lt;hex of chainID&gt;/layer    its {@link LayerInfo} (key=value lines)
 * </pre>
 *
 * Directories are named by the hex part only: overlayfs treats ':' in lowerdir options as a
 * separator. The staging directory must be on the same filesystem as {@code layers/} (renames
 * publish layers) and is the caller's to wipe at start, where interrupted registrations and
 * removals leave their garbage. Safe for concurrent use: two registrations of one chainID race
 * on the final rename and the loser discards its copy.
 */
public final class LocalLayerStore implements LayerStore {
    private static final Pattern HEX = Pattern.compile("[a-f0-9]{64}");
    private static final String DIFF = "diff";
    private static final String TREE = "tree";
    private static final String INFO = "layer";

    private final Path layers;
    private final Path staging;

    /** @param layers  the {@code layers/} directory; created if absent
     *  @param staging a directory for work in progress on the same filesystem; created if absent */
    public LocalLayerStore(Path layers, Path staging) throws IOException {
        this.layers = Files.createDirectories(layers);
        this.staging = Files.createDirectories(staging);
    }

    @Override
    public RegisteredLayer register(InputStream blob, LayerSpec spec) throws IOException {
        if (spec.parent().isPresent() && !exists(spec.parent().get())) {
            throw new NoSuchFileException(dir(spec.parent().get()).toString(), null,
                    "parent layer " + spec.parent().get() + " is not registered");
        }
        if (spec.diffId().isPresent()) {
            Digest chainId = ChainIds.next(spec.parent(), spec.diffId().get());
            Optional<LayerInfo> present = info(chainId);
            if (present.isPresent()) {
                UnpackResult r = LayerUnpacker.digest(blob, spec.blobDigest());
                checkDiffId(spec, r.diffId());
                return new RegisteredLayer(present.get(), r.blobDigest(), r.blobSize(), r.compression(), false);
            }
        }
        Path work = Files.createTempDirectory(staging, "layer-");
        try {
            UnpackResult r = LayerUnpacker.unpack(blob, work.resolve(DIFF), spec.blobDigest());
            checkDiffId(spec, r.diffId());
            Digest chainId = ChainIds.next(spec.parent(), r.diffId());
            Optional<LayerInfo> present = info(chainId);
            if (present.isPresent()) {
                Directories.deleteRecursively(work);
                return new RegisteredLayer(present.get(), r.blobDigest(), r.blobSize(), r.compression(), false);
            }
            TreeManifest tree = TreeManifest.of(work.resolve(DIFF));
            LayerInfo info = new LayerInfo(chainId, r.diffId(), spec.parent(), tree.digest(), r.diffSize());
            Files.write(work.resolve(TREE), tree.bytes());
            Files.write(work.resolve(INFO), encode(info));
            Posix.syncfs(work);
            if (!publish(work, dir(chainId))) {
                Directories.deleteRecursively(work);
                return new RegisteredLayer(info(chainId).orElseThrow(), r.blobDigest(), r.blobSize(),
                        r.compression(), false);
            }
            Posix.fsyncDir(layers);
            return new RegisteredLayer(info, r.blobDigest(), r.blobSize(), r.compression(), true);
        } catch (IOException | RuntimeException | Error e) {
            Directories.deleteQuietly(work, e);
            throw e;
        }
    }

    @Override
    public RegisteredLayer adopt(Path tree, Optional<Digest> parent, AdoptablePack pack) throws IOException {
        PackResult packed = pack.tar();
        Digest diffId = packed.diffId();
        if (parent.isPresent() && !exists(parent.get())) {
            throw new NoSuchFileException(dir(parent.get()).toString(), null,
                    "parent layer " + parent.get() + " is not registered");
        }
        Digest chainId = ChainIds.next(parent, diffId);
        Optional<LayerInfo> present = info(chainId);
        if (present.isPresent()) {
            discard(tree);
            return new RegisteredLayer(present.get(), diffId, packed.size(), Compression.NONE, false);
        }
        Path work = Files.createTempDirectory(staging, "layer-");
        try {
            Path diff = work.resolve(DIFF);
            // the root as LayerUnpacker makes it: a fresh directory (this process's owner, umask, now, no xattrs)
            Files.createDirectory(diff);
            Stat fresh = Posix.lstat(diff);
            List<String> freshXattrs = Posix.listXattrs(diff);
            Files.delete(diff);
            Files.move(tree, diff, StandardCopyOption.ATOMIC_MOVE);
            for (String x : Posix.listXattrs(diff)) {
                if (!freshXattrs.contains(x)) {
                    Posix.removeXattr(diff, x); // e.g. overlay's trusted.overlay.impure on a RUN container's upper
                }
            }
            Posix.lchown(diff, fresh.uid(), fresh.gid());
            Posix.chmod(diff, fresh.permissions());
            Posix.setTimes(diff, fresh.mtimeSeconds(), fresh.mtimeNanos());
            // the entries' lines come from the packer, which read every file once already
            TreeManifest manifest = TreeManifest.of(TreeManifest.rootLine(diff), pack.lines());
            LayerInfo info = new LayerInfo(chainId, diffId, parent, manifest.digest(), packed.size());
            Files.write(work.resolve(TREE), manifest.bytes());
            Files.write(work.resolve(INFO), encode(info));
            Posix.syncfs(work);
            if (!publish(work, dir(chainId))) {
                Directories.deleteRecursively(work);
                return new RegisteredLayer(info(chainId).orElseThrow(), diffId, packed.size(), Compression.NONE, false);
            }
            Posix.fsyncDir(layers);
            return new RegisteredLayer(info, diffId, packed.size(), Compression.NONE, true);
        } catch (IOException | RuntimeException | Error e) {
            Directories.deleteQuietly(work, e);
            throw e;
        }
    }

    /**
     * Deletes a tree nobody needs, out of the caller's way: renamed into staging at once (the
     * caller sees it gone), deleted by a background thread. What a crash leaves there is wiped
     * with the rest of staging at the next start. A tree on another filesystem is deleted here.
     */
    private void discard(Path tree) throws IOException {
        Path trash = staging.resolve("removing-" + tree.getFileName() + "-" + System.nanoTime());
        try {
            Files.move(tree, trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Directories.deleteRecursively(tree);
            return;
        }
        Trash.INSTANCE.execute(() -> {
            try {
                Directories.deleteRecursively(trash);
            } catch (IOException e) {
                // left in staging, wiped at the next start
            }
        });
    }

    /** One background deleter per process: a daemon thread, so it never holds the JVM open. */
    private static final class Trash {
        static final java.util.concurrent.Executor INSTANCE = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cairn-layer-trash");
            t.setDaemon(true);
            return t;
        });
    }

    private static void checkDiffId(LayerSpec spec, Digest actual) throws LayerDigestMismatchException {
        if (spec.diffId().isPresent() && !spec.diffId().get().equals(actual)) {
            throw new LayerDigestMismatchException("diffID", spec.diffId().get(), actual);
        }
    }

    /** Renames {@code work} to {@code target}; false when another registration got there first. */
    private static boolean publish(Path work, Path target) throws IOException {
        try {
            Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            throw e;
        } catch (IOException e) {
            if (Files.exists(target.resolve(INFO), LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean exists(Digest chainId) {
        return Files.isRegularFile(dir(chainId).resolve(INFO), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public Optional<LayerInfo> info(Digest chainId) throws IOException {
        Path file = dir(chainId).resolve(INFO);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(decode(file));
    }

    @Override
    public Path path(Digest chainId) throws IOException {
        if (!exists(chainId)) {
            throw new NoSuchFileException(dir(chainId).toString(), null, "layer " + chainId + " is not registered");
        }
        return dir(chainId).resolve(DIFF);
    }

    @Override
    public void remove(Digest chainId) throws IOException {
        Path dir = dir(chainId);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // Rename first so that the layer disappears at once; the slow delete happens out of sight.
        Path trash = staging.resolve("removing-" + chainId.hex() + "-" + System.nanoTime());
        try {
            Files.move(dir, trash, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return; // removed concurrently
        }
        Posix.fsyncDir(layers);
        Directories.deleteRecursively(trash);
    }

    @Override
    public List<Digest> list() throws IOException {
        List<Digest> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(layers)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (HEX.matcher(name).matches() && Files.isRegularFile(p.resolve(INFO), LinkOption.NOFOLLOW_LINKS)) {
                    out.add(new Digest("sha256", name));
                }
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public LayerVerification verify(Digest chainId, Digest expectedTreeDigest) throws IOException {
        Path diff = path(chainId);
        TreeManifest actual = TreeManifest.of(diff);
        Digest actualDigest = actual.digest();
        if (actualDigest.equals(expectedTreeDigest)) {
            return new LayerVerification(chainId, expectedTreeDigest, actualDigest, List.of());
        }
        Path recorded = dir(chainId).resolve(TREE);
        List<String> changes;
        TreeManifest expected = Files.isRegularFile(recorded) ? TreeManifest.parse(Files.readAllBytes(recorded)) : null;
        if (expected != null && expected.digest().equals(expectedTreeDigest)) {
            changes = actual.changesFrom(expected);
        } else {
            changes = List.of("tree manifest " + recorded + " does not match " + expectedTreeDigest
                    + " either: cannot name the entries that changed");
        }
        return new LayerVerification(chainId, expectedTreeDigest, actualDigest, changes);
    }

    private Path dir(Digest chainId) {
        if (!chainId.algorithm().equals("sha256")) {
            throw new IllegalArgumentException("layer chainIDs are sha256: " + chainId);
        }
        return layers.resolve(chainId.hex());
    }

    private static byte[] encode(LayerInfo info) {
        String s = "chainId=" + info.chainId() + "\n"
                + "diffId=" + info.diffId() + "\n"
                + "parent=" + info.parent().map(Digest::toString).orElse("") + "\n"
                + "treeDigest=" + info.treeDigest() + "\n"
                + "diffSize=" + info.diffSize() + "\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static LayerInfo decode(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        try {
            String parent = p.getProperty("parent", "");
            return new LayerInfo(Digest.parse(p.getProperty("chainId", "")), Digest.parse(p.getProperty("diffId", "")),
                    parent.isEmpty() ? Optional.empty() : Optional.of(Digest.parse(parent)),
                    Digest.parse(p.getProperty("treeDigest", "")), Long.parseLong(p.getProperty("diffSize", "")));
        } catch (IllegalArgumentException e) {
            throw new IOException("corrupt layer metadata " + file + ": " + e.getMessage(), e);
        }
    }
}
