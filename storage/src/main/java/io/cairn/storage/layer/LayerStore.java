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

    /**
     * Takes {@code tree} itself as the layer whose tar {@code packed} describes (its diffID and
     * size, and the tree's manifest) on top of {@code parent}, instead of unpacking that tar into a copy: the builder's
     * staged COPY trees and RUN writable layers are already in layer form. {@code tree} must be
     * what unpacking the tar gives — as {@link LayerPacker#packForAdoption} leaves it — and on the
     * store's filesystem; the store moves it, and its root gets a fresh directory's owner, mode,
     * time and xattrs, as an unpacked layer's root has. When the layer is already registered,
     * {@code tree} is moved out of the way and deleted in the background, and the registered layer
     * is returned ({@link RegisteredLayer#created()} false). On success {@code tree} no longer
     * exists. The ingest lifecycle is {@link #register}'s: staged, synced, renamed into place,
     * invisible until then.
     *
     * @throws java.nio.file.AtomicMoveNotSupportedException when {@code tree} is on another
     *                                         filesystem (it is left as it was; register its tar)
     * @throws java.nio.file.NoSuchFileException when the parent layer is not registered
     */
    RegisteredLayer adopt(Path tree, Optional<Digest> parent, AdoptablePack packed) throws IOException;

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
