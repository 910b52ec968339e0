package io.cairn.storage.blob;

import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * A content-addressed store of immutable blobs under {@code blobs/sha256/<hex>}.
 *
 * <p>Ingest lifecycle: content is written to a temporary file, synced, renamed into place and the
 * directory synced; until the rename it is invisible. Putting content that is already stored is a
 * success, not an error. A blob is never modified in place; {@link #delete} is idempotent.
 */
public interface BlobStore {

    /** Stores the stream's bytes and returns their sha256 digest. */
    Digest put(InputStream content) throws IOException;

    /** Stores the bytes and returns their sha256 digest. */
    Digest put(byte[] content) throws IOException;

    /**
     * Stores the stream's bytes, which must hash to {@code expected}; on a mismatch nothing is
     * stored and {@link DigestMismatchException} names both digests.
     */
    void put(Digest expected, InputStream content) throws IOException;

    boolean exists(Digest digest);

    /** Size in bytes of a stored blob. */
    long size(Digest digest) throws IOException;

    /** Opens a stored blob; {@link java.nio.file.NoSuchFileException} naming the digest if absent. */
    InputStream open(Digest digest) throws IOException;

    /** The file that holds a blob (it may not exist); read-only by contract. */
    Path path(Digest digest);

    /** Re-hashes a stored blob: {@code true} when its content still matches its name. */
    boolean verify(Digest digest) throws IOException;

    /** Removes a blob; removing an absent blob succeeds. */
    void delete(Digest digest) throws IOException;

    /** Every stored blob's digest, sorted. */
    List<Digest> list() throws IOException;
}
