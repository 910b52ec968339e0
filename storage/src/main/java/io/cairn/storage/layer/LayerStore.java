package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Unpacked layers, each named by its chainID and used read-only as an overlay lowerdir.
 *
 * <p>Ingest lifecycle: a blob is unpacked into a private staging directory, checked against the
 * digests the caller announced, synced with one {@code syncfs}, and renamed into place; until
 * the rename the layer is invisible, and a failure leaves nothing behind. A layer is unpacked once
 * per chainID: registering one that is already there is a success ({@link RegisteredLayer#created()}
 * false). Once registered, a layer's tree is never written by the store; {@link #verify} detects
 * anyone else's changes. The store keeps no reference counts: callers decide when a layer may go.
 */
public interface LayerStore {

    /**
     * Unpacks {@code blob} (plain tar, gzip or zstd; read to its end, not closed) as a layer on
     * top of {@code spec.parent()}.
     *
     * @throws InvalidLayerException          for a malformed or unsafe archive, naming the entry
     * @throws LayerDigestMismatchException   when the blob or diffID is not the announced one
     * @throws java.nio.file.NoSuchFileException when the parent layer is not registered
     */
    RegisteredLayer register(InputStream blob, LayerSpec spec) throws IOException;

    boolean exists(Digest chainId);

    /** The layer's metadata, empty when it is not registered. */
    Optional<LayerInfo> info(Digest chainId) throws IOException;

    /** The directory holding the layer's files (read-only by contract). */
    Path path(Digest chainId) throws IOException;

    /** Removes a layer; removing an absent layer succeeds. */
    void remove(Digest chainId) throws IOException;

    /** Every registered layer's chainID, sorted. */
    List<Digest> list() throws IOException;

    /** Re-hashes the layer's tree and compares it with {@code expectedTreeDigest}, naming what changed. */
    LayerVerification verify(Digest chainId, Digest expectedTreeDigest) throws IOException;
}
