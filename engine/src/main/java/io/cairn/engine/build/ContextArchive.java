package io.cairn.engine.build;

import io.cairn.storage.layer.StreamFormat;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.fs.RootfsPath;
import io.cairn.engine.fs.Trees;
import io.cairn.storage.layer.InvalidLayerException;
import io.cairn.storage.layer.LayerUnpacker;
import io.cairn.storage.layer.TarExtractor;
import io.cairn.storage.layer.tar.TarFormatException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A build context sent as a tar, as Docker's {@code POST /build} takes it (plain, gzip, bzip2, xz
 * or zstd): unpacked into a private directory with the layer store's extractor, so that no entry
 * lands outside it, no link escapes it and no device node is made. The directory is the caller's
 * to delete ({@link #close()}).
 */
public final class ContextArchive implements AutoCloseable {

    private final Path dir;

    private ContextArchive(Path dir) {
        this.dir = dir;
    }

    /**
     * Unpacks {@code body} under {@code tmp}.
     *
     * @throws InvalidArgumentException naming what is wrong with the archive (nothing is left behind)
     */
    public static ContextArchive unpack(InputStream body, Path tmp) {
        Path dir;
        try {
            dir = Files.createTempDirectory(tmp, "context-");
        } catch (IOException e) {
            throw new io.cairn.api.EngineFailureException("cannot make a directory for the build context: "
                    + e.getMessage(), e);
        }
        Path target = dir.resolve("ctx");
        try {
            // a context's names are files, not whiteouts, and its links mean what they mean inside it
            // (ContextTree resolves them there), as in a directory context
            LayerUnpacker.unpack(decompressed(body), target, Optional.empty(), TarExtractor.Policy.CONTEXT);
            return new ContextArchive(target);
        } catch (IOException | RuntimeException e) {
            try {
                Trees.delete(dir);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            if (e instanceof InvalidLayerException || e instanceof TarFormatException
                    || e instanceof java.io.EOFException || e.getCause() instanceof java.io.EOFException) {
                throw new InvalidArgumentException("build context: not a valid tar archive: " + e.getMessage());
            }
            // compressed streams report corrupt data as plain IOExceptions; the disk's own errors say so
            throw new InvalidArgumentException("build context: cannot unpack the archive: " + e.getMessage());
        }
    }

    /** gzip and zstd the extractor reads itself; Docker's API also takes bzip2 and xz. */
    private static InputStream decompressed(InputStream body) throws IOException {
        BufferedInputStream in = new BufferedInputStream(body, 64 * 1024);
        StreamFormat format = StreamFormat.detect(in);
        return switch (format) {
            case BZIP2, XZ -> new BufferedInputStream(format.decode(in), 64 * 1024);
            case PLAIN, GZIP, ZSTD -> in;
        };
    }

    /** The context directory. */
    public Path dir() {
        return dir;
    }

    /**
     * The Dockerfile at {@code name} inside the context (links resolved inside it, as Docker does).
     *
     * @throws InvalidArgumentException when the archive has no such file
     */
    public String dockerfile(String name) {
        try {
            Path file = RootfsPath.resolve(dir, "/" + name);
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new InvalidArgumentException("build context: Dockerfile " + name + " not found in the archive");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidArgumentException("build context: cannot read Dockerfile " + name + ": " + e.getMessage());
        }
    }

    /** Deletes the unpacked context. */
    @Override
    public void close() throws IOException {
        Trees.delete(dir.getParent());
    }
}
