package io.cairn.engine.build.copy;

import io.cairn.storage.digest.Digest;
import io.cairn.storage.layer.TarExtractor;
import io.cairn.storage.layer.tar.TarEntry;
import io.cairn.storage.layer.tar.TarType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes planned entries into a staging directory laid out as an overlay upperdir (what
 * {@code ImageCommitter} packs into a layer), and digests them for the build cache.
 */
public final class CopyStager {

    private CopyStager() {
    }

    /**
     * The digest of the entries' names, types, modes, owners, link targets and contents — not
     * their mtimes, so a fresh checkout of the same files hits the cache. Reads every file.
     */
    public static String digest(List<CopyItem> items) throws IOException {
        return digest(items, ContentHashes.none());
    }

    /** As {@link #digest(List)}, with the files' contents digested through {@code hashes}. */
    public static String digest(List<CopyItem> items, ContentHashes hashes) throws IOException {
        MessageDigest all = Digest.newSha256();
        byte[] buf = new byte[1 << 16];
        HexFormat hex = HexFormat.of();
        for (CopyItem item : items) {
            String content = "";
            if (item.kind() == CopyItem.Kind.FILE || item.kind() == CopyItem.Kind.ARCHIVE) {
                content = hex.formatHex(item.content().isPresent()
                        ? Digest.newSha256().digest(item.content().get()) : hashes.sha256(item.source().get(), buf));
            } else if (item.kind() == CopyItem.Kind.SYMLINK) {
                content = item.link();
            }
            all.update((item.dest() + "\0" + item.kind() + "\0" + Integer.toOctalString(item.mode()) + "\0" + item.uid()
                    + ":" + item.gid() + "\0" + content + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return "sha256:" + hex.formatHex(all.digest());
    }

    /**
     * Writes {@code items} (sorted by path, parents first) under {@code upper}, an empty private
     * directory, through the storage's extractor (the one writer of untrusted trees): nothing is
     * written through a symlink, a non-directory replaces what was at its path, and ARCHIVE items
     * are unpacked in place by {@link Archives}. Directory mtimes are applied last.
     */
    public static void stage(List<CopyItem> items, Path upper) throws IOException {
        TarExtractor extractor = new TarExtractor(upper, TarExtractor.Policy.BUILD);
        for (CopyItem item : items) {
            switch (item.kind()) {
                case DIRECTORY -> extractor.extract(entry(item, TarType.DIRECTORY, 0, ""), InputStream.nullInputStream());
                case SYMLINK -> extractor.extract(entry(item, TarType.SYMLINK, 0, item.link()), InputStream.nullInputStream());
                case FILE -> {
                    if (item.content().isPresent()) {
                        byte[] bytes = item.content().get();
                        extractor.extract(entry(item, TarType.REGULAR, bytes.length, ""), new ByteArrayInputStream(bytes));
                    } else {
                        Path source = item.source().get();
                        try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS)) {
                            extractor.extract(entry(item, TarType.REGULAR, Files.size(source), ""), in);
                        }
                    }
                }
                case ARCHIVE -> Archives.unpack(item, extractor);
            }
        }
        extractor.finish();
    }

    private static TarEntry entry(CopyItem item, TarType type, long size, String link) {
        return new TarEntry(item.dest(), type, type == TarType.SYMLINK ? 0777 : item.mode(), item.uid(), item.gid(),
                size, item.mtime(), 0, link, 0, 0, Map.of());
    }
}
