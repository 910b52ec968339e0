package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;
import io.cairn.storage.layer.tar.TarEntry;
import io.cairn.storage.layer.tar.TarFormatException;
import io.cairn.storage.layer.tar.TarReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Unpacks a layer blob (plain tar, gzip or zstd, detected by magic) into a new directory in one
 * pass that also computes the blob digest and the diffID.
 *
 * <p>Contract: {@code target} must not exist; its parent must. On success it holds the layer's
 * files with overlay whiteouts (see {@link TarExtractor} for what is accepted). On any failure —
 * malformed or truncated archive, unsafe entry, digest mismatch, I/O error — {@code target} is
 * removed and the exception names the entry or digest at fault. Nothing is written outside
 * {@code target}. The caller syncs and publishes the directory.
 */
public final class LayerUnpacker {
    private static final int BUFFER = 64 * 1024;

    private LayerUnpacker() {
    }

    /**
     * Unpacks {@code blob} (read to its end, not closed) into {@code target}.
     *
     * @param expectedBlobDigest if present, the blob must hash to it ({@link LayerDigestMismatchException})
     */
    public static UnpackResult unpack(InputStream blob, Path target, Optional<Digest> expectedBlobDigest)
            throws IOException {
        return unpack(blob, target, expectedBlobDigest, TarExtractor.Policy.LAYER);
    }

    /**
     * Unpacks a tar that is not a layer (a build context) under {@code policy}, with the same
     * contract otherwise.
     */
    public static UnpackResult unpack(InputStream blob, Path target, Optional<Digest> expectedBlobDigest,
                                      TarExtractor.Policy policy) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "unpack target already exists");
        }
        Files.createDirectory(target);
        try {
            TarExtractor extractor = new TarExtractor(target, policy);
            UnpackResult result = pass(blob, expectedBlobDigest, extractor);
            extractor.finish();
            return result;
        } catch (IOException | RuntimeException | Error e) {
            Directories.deleteQuietly(target, e);
            throw e;
        }
    }

    /**
     * Reads and checks a layer blob without writing anything: decompresses it, parses every tar
     * header, and returns its digests. Used when the layer is already unpacked.
     */
    public static UnpackResult digest(InputStream blob, Optional<Digest> expectedBlobDigest) throws IOException {
        return pass(blob, expectedBlobDigest, null);
    }

    private static UnpackResult pass(InputStream blob, Optional<Digest> expected, TarExtractor extractor)
            throws IOException {
        try (HashingInputStream raw = new HashingInputStream(blob, "blob")) {
            BufferedInputStream buffered = new BufferedInputStream(raw, BUFFER);
            Compression compression = Compression.detect(buffered);
            if (compression == Compression.NONE) {
                // An uncompressed blob is its own tar: one hash serves as blob digest and diffID.
                return extract(buffered, raw, raw, compression, expected, extractor);
            }
            InputStream decompressed;
            try {
                decompressed = new CorruptionGuard(compression, compression.decompress(buffered));
            } catch (IOException e) {
                throw new InvalidLayerException(null, compression.name().toLowerCase(java.util.Locale.ROOT)
                        + " header is corrupt: " + e.getMessage(), e);
            }
            try (HashingInputStream tar = new HashingInputStream(decompressed, "tar")) {
                return extract(new BufferedInputStream(tar, BUFFER), raw, tar, compression, expected, extractor);
            }
        }
    }

    private static UnpackResult extract(InputStream tarStream, HashingInputStream raw, HashingInputStream tar,
                                        Compression compression, Optional<Digest> expected, TarExtractor extractor)
            throws IOException {
        TarReader reader = new TarReader(tarStream, extractor != null && extractor.policy().endAtEof());
        String current = null;
        try {
            TarEntry entry;
            while ((entry = reader.next()) != null) {
                current = entry.name();
                if (extractor != null) {
                    extractor.extract(entry, reader.content());
                }
            }
            reader.drain();
            raw.drain();
        } catch (TarFormatException e) {
            throw new InvalidLayerException(e.entry(), e.reason(), e);
        } catch (CorruptStreamException e) {
            throw new InvalidLayerException(current == null ? "(before the first entry)" : current,
                    e.getMessage(), e.getCause());
        }
        Digest blobDigest = raw.digest();
        Digest diffId = tar == raw ? blobDigest : tar.digest();
        if (expected.isPresent() && !expected.get().equals(blobDigest)) {
            throw new LayerDigestMismatchException("blob digest", expected.get(), blobDigest);
        }
        return new UnpackResult(compression, blobDigest, raw.count(), diffId, tar.count());
    }

    /** A decoding failure of the compressed stream, told apart from I/O errors of the extraction. */
    private static final class CorruptStreamException extends IOException {
        CorruptStreamException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Turns any exception from the decompressor into a {@link CorruptStreamException}. */
    private static final class CorruptionGuard extends java.io.FilterInputStream {
        private final Compression compression;

        CorruptionGuard(Compression compression, InputStream in) {
            super(in);
            this.compression = compression;
        }

        @Override
        public int read() throws IOException {
            try {
                return in.read();
            } catch (IOException | RuntimeException e) {
                throw corrupt(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return in.read(b, off, len);
            } catch (IOException | RuntimeException e) {
                throw corrupt(e);
            }
        }

        private CorruptStreamException corrupt(Exception e) {
            return new CorruptStreamException(compression.name().toLowerCase(java.util.Locale.ROOT)
                    + " stream is corrupt or truncated: " + e.getMessage(), e);
        }
    }
}
