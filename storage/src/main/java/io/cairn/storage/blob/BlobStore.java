package io.cairn.storage.blob;

import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A content-addressed store of immutable blobs under {@code blobs/<algorithm>/<hex>} (sha256 for
 * everything Cairn produces; sha512 only when a caller announces such a digest).
 *
 * <p>Ingest lifecycle: content is written to a temporary file, synced, renamed into place and the
 * directory synced; until the rename it is invisible, so a reader never sees a partial blob and a
 * crash leaves only staging garbage. Putting content that is already stored is a success, not an
 * error, and concurrent puts of the same content are safe. A blob is never modified in place;
 * {@link #delete} is idempotent. Streams passed to {@code put} are read to the end and not closed.
 * Implementations are thread-safe.
 */
public interface BlobStore {

    /** Stores the stream's bytes and returns their sha256 digest. */
    Digest put(InputStream content) throws IOException;

    /** Stores the bytes and returns their sha256 digest. */
    Digest put(byte[] content) throws IOException;

    /**
     * Stores what {@code content} writes, straight into the store's staging as it is written (a
     * producer such as a layer packer needs no temporary file of its own that is then copied),
     * and returns its sha256 digest. If {@code content} throws, nothing is stored and the
     * exception propagates. The stream handed to it must not be kept or closed.
     */
    Digest put(Content content) throws IOException;

    /**
     * Stores the stream's bytes, which must hash to {@code expected} (with its algorithm); on a
     * mismatch nothing is stored, an already stored blob is left intact, and
     * {@link DigestMismatchException} names both digests.
     */
    void put(Digest expected, InputStream content) throws IOException;

    /** Whether the blob is stored (complete: blobs become visible only whole). */
    boolean exists(Digest digest);

    /** Size in bytes of a stored blob; {@link java.nio.file.NoSuchFileException} naming the digest if absent. */
    long size(Digest digest) throws IOException;

    /**
     * Opens a stored blob for buffered reading; {@link java.nio.file.NoSuchFileException} naming the
     * digest if absent. The caller closes the stream.
     */
    InputStream open(Digest digest) throws IOException;

    /** The file that holds a blob (it may not exist); read-only by contract. */
    Path path(Digest digest);

    /**
     * Re-hashes a stored blob: {@code true} when its content still matches its name, {@code false}
     * when it was damaged; {@link java.nio.file.NoSuchFileException} naming the digest if absent.
     */
    boolean verify(Digest digest) throws IOException;

    /** Removes a blob; removing an absent blob succeeds. */
    void delete(Digest digest) throws IOException;

    /** Every stored blob's digest, sorted; staging files and foreign names are not blobs. */
    List<Digest> list() throws IOException;

    /** A producer of a blob's bytes, for {@link #put(Content)}. */
    @FunctionalInterface
    interface Content {
        /** Writes the whole blob to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }
}
