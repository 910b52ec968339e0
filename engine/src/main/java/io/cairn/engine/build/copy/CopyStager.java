package io.cairn.engine.build.copy;

import io.cairn.storage.digest.Digest;
import io.cairn.storage.posix.Posix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes planned entries into a staging directory laid out as an overlay upperdir (what
 * {@code ImageCommitter} packs into a layer), and digests them for the build cache.
 */
public final class CopyStager {

    private CopyStager() {
    }

    /**
     * The digest of the entries' names, types, modes, owners, link targets and contents — not
     * their mtimes, so a fresh checkout of the same files hits the cache.
     */
    public static String digest(List<CopyItem> items) throws IOException {
        MessageDigest all = Digest.newSha256();
        byte[] buf = new byte[1 << 16];
        for (CopyItem item : items) {
            String content = "";
            if (item.kind() == CopyItem.Kind.FILE || item.kind() == CopyItem.Kind.ARCHIVE) {
                MessageDigest file = Digest.newSha256();
                if (item.content().isPresent()) {
                    file.update(item.content().get());
                } else {
                    try (InputStream in = Files.newInputStream(item.source().get())) {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            file.update(buf, 0, n);
                        }
                    }
                }
                content = HexFormat.of().formatHex(file.digest());
            } else if (item.kind() == CopyItem.Kind.SYMLINK) {
                content = item.link();
            }
            all.update((item.dest() + "\0" + item.kind() + "\0" + Integer.toOctalString(item.mode()) + "\0" + item.uid()
                    + ":" + item.gid() + "\0" + content + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return "sha256:" + HexFormat.of().formatHex(all.digest());
    }

    /** Writes {@code items} (sorted by path, parents first) under {@code upper}. */
    public static void stage(List<CopyItem> items, Path upper) throws IOException {
        for (CopyItem item : items) {
            Path p = upper.resolve(item.dest());
            switch (item.kind()) {
                case DIRECTORY -> Files.createDirectories(p);
                case FILE -> {
                    if (item.content().isPresent()) {
                        Files.write(p, item.content().get());
                    } else {
                        Files.copy(item.source().get(), p, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                case SYMLINK -> Files.createSymbolicLink(p, Path.of(item.link()));
                case ARCHIVE -> {
                    continue; // unpacked by Archives, after the plain entries
                }
            }
            Posix.lchown(p, item.uid(), item.gid());
            if (item.kind() != CopyItem.Kind.SYMLINK) {
                Posix.chmod(p, item.mode()); // after chown, which clears setuid bits
            }
        }
        // times last, children before parents, so that writing a child does not move its parent's mtime
        for (int i = items.size() - 1; i >= 0; i--) {
            CopyItem item = items.get(i);
            if (item.kind() != CopyItem.Kind.ARCHIVE) {
                Posix.setTimes(upper.resolve(item.dest()), item.mtime(), 0);
            }
        }
    }
}
