package io.cairn.engine.image;

import io.cairn.engine.json.Mappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.storage.blob.BlobStore;
import io.cairn.storage.digest.Digest;
import io.cairn.storage.layer.Compression;
import io.cairn.storage.layer.LayerInfo;
import io.cairn.storage.layer.AdoptablePack;
import io.cairn.storage.layer.LayerPacker;
import io.cairn.storage.layer.PackOptions;
import io.cairn.storage.layer.PackResult;
import io.cairn.storage.layer.LayerSpec;
import io.cairn.storage.layer.LayerStore;
import io.cairn.storage.layer.RegisteredLayer;
import java.io.BufferedInputStream;
import io.cairn.storage.blob.file.FileBlobStore;
import io.cairn.storage.layer.LocalLayerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Files first: writes an image's content (layer tars, unpacked layers, config, manifest) to the
 * content and layer stores before any event names it. Everything here is idempotent; what a crash
 * leaves unreferenced is collected at the next start.
 */
public final class ImageContent {

    static final String LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
    static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    static final ObjectMapper JSON = Mappers.STRICT;

    /** A layer now in both stores. */
    record StoredLayer(LayerInfo info, long tarSize) {
    }

    private final BlobStore blobs;
    private final LayerStore layers;

    private java.util.function.Predicate<String> referenced = digest -> true;

    ImageContent(BlobStore blobs, LayerStore layers) {
        this.blobs = blobs;
        this.layers = layers;
    }

    /** Tells which blobs the index references, so a refused ingest deletes only its own. */
    void referencedBy(java.util.function.Predicate<String> indexed) {
        this.referenced = indexed;
    }

    /** The content store under {@code blobs} and the layer store under {@code layers}, staging in {@code tmp}. */
    public static ImageContent open(Path blobs, Path layers, Path tmp) {
        try {
            return new ImageContent(FileBlobStore.open(blobs, tmp), new LocalLayerStore(layers, tmp));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the content stores in " + blobs.getParent(), e);
        }
    }

    BlobStore blobs() {
        return blobs;
    }

    LayerStore layers() {
        return layers;
    }

    /**
     * Stores a layer blob (plain, gzip or zstd) uncompressed in the content store and unpacks it on
     * {@code parent}. With {@code expectedDiffId}, a tar that hashes differently is refused.
     */
    StoredLayer storeLayer(java.nio.file.Path blobFile, Optional<Digest> parent, Optional<Digest> expectedDiffId,
                           Optional<Digest> expectedBlob) throws IOException {
        try (InputStream in = java.nio.file.Files.newInputStream(blobFile)) {
            return storeLayer(in, parent, expectedDiffId, expectedBlob);
        } catch (io.cairn.storage.layer.InvalidLayerException e) {
            if (e.getMessage() != null && e.getMessage().contains("stream is corrupt or truncated")) {
                // read it again with the unpacker, which names the entry the stream broke in
                try (InputStream again = java.nio.file.Files.newInputStream(blobFile)) {
                    io.cairn.storage.layer.LayerUnpacker.digest(again, Optional.empty());
                }
            }
            throw e;
        }
    }

    StoredLayer storeLayer(InputStream blob, Optional<Digest> parent, Optional<Digest> expectedDiffId,
                           Optional<Digest> expectedBlob) throws IOException {
        BufferedInputStream in = new BufferedInputStream(blob, 1 << 16);
        Compression compression = Compression.detect(in);
        Digest diffId;
        try {
            if (expectedBlob.isPresent() && compression != Compression.NONE) {
                // the compressed bytes are hashed as the decompressor reads them
                DigestInputStream hashing = new DigestInputStream(in, Digest.newSha256());
                diffId = blobs.put(compression.decompress(hashing));
                hashing.transferTo(OutputStream.nullOutputStream()); // trailing bytes the decoder left
                Digest actual = Digest.ofSha256(hashing.getMessageDigest().digest());
                if (!actual.equals(expectedBlob.get())) {
                    forget(diffId);
                    throw new io.cairn.storage.blob.DigestMismatchException(expectedBlob.get(), actual);
                }
            } else if (expectedBlob.isPresent()) {
                blobs.put(expectedBlob.get(), in);
                diffId = expectedBlob.get();
            } else {
                diffId = blobs.put(compression.decompress(in));
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new io.cairn.storage.layer.InvalidLayerException(null, "the " + compression.name().toLowerCase()
                    + " stream is corrupt or truncated: " + e.getMessage());
        }
        if (expectedDiffId.isPresent() && !expectedDiffId.get().equals(diffId)) {
            forget(diffId);
            throw new io.cairn.storage.blob.DigestMismatchException(expectedDiffId.get(), diffId);
        }
        return register(diffId, parent);
    }

    /**
     * Packs {@code tree} (an overlay upperdir, only read) straight into the content store, with no
     * temporary tar of its own, and unpacks the same bytes as a layer on {@code parent} while they
     * are packed: a helper thread packs, this one unpacks from a {@link LayerPipe}, so the reads
     * and hashing of the pack overlap with the file creations of the unpack and the blob is not
     * read back. The layer is kept only once the blob is stored and both sides agree on its
     * digest; on any failure neither is left behind (what a crash leaves is unreferenced, and
     * collected at the next start).
     */
    StoredLayer packLayer(Path tree, Optional<Digest> parent, PackOptions options) throws IOException {
        LayerPipe pipe = new LayerPipe();
        java.util.concurrent.CompletableFuture<Digest> stored = new java.util.concurrent.CompletableFuture<>();
        Thread packer = new Thread(() -> {
            try {
                Digest blob = blobs.put(out -> LayerPacker.pack(tree, new Tee(out, pipe.sink()), options));
                pipe.finish();
                stored.complete(blob);
            } catch (Throwable e) {
                pipe.fail(e);
                stored.completeExceptionally(e);
            }
        }, "cairn-pack");
        packer.setDaemon(true);
        packer.start();
        RegisteredLayer layer;
        try (InputStream tar = pipe.source()) {
            layer = layers.register(tar, new LayerSpec(parent, Optional.empty(), Optional.empty()));
        } catch (IOException | RuntimeException | Error e) {
            awaitQuietly(stored).ifPresent(this::forget);
            throw e;
        }
        Digest blob;
        try {
            blob = await(stored);
            if (!blob.equals(layer.layer().diffId())) {
                throw new io.cairn.storage.blob.DigestMismatchException(blob, layer.layer().diffId());
            }
        } catch (IOException | RuntimeException | Error e) {
            if (layer.created()) {
                layers.remove(layer.layer().chainId());
            }
            awaitQuietly(stored).ifPresent(this::forget);
            throw e;
        }
        return new StoredLayer(layer.layer(), blobs.size(blob));
    }

    /** The packer's result, its failure rethrown as it was. */
    private static Digest await(java.util.concurrent.CompletableFuture<Digest> stored) throws IOException {
        try {
            return stored.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the layer was packed");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            } else if (e.getCause() instanceof RuntimeException r) {
                throw r;
            } else if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IOException(e.getCause());
        }
    }

    /** The blob the packer stored, if it got that far; waits for it to end either way. */
    private static Optional<Digest> awaitQuietly(java.util.concurrent.CompletableFuture<Digest> stored) {
        try {
            return Optional.of(await(stored));
        } catch (IOException | RuntimeException | Error e) {
            return Optional.empty();
        }
    }

    /** Writes to the blob store's stream and the pipe to the unpacker alike. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
        }
    }

    /** Unpacks the stored uncompressed blob {@code diffId} as a layer on {@code parent}. */
    private StoredLayer register(Digest diffId, Optional<Digest> parent) throws IOException {
        LayerSpec spec = new LayerSpec(parent, Optional.of(diffId), Optional.of(diffId));
        try (InputStream tar = blobs.open(diffId)) {
            RegisteredLayer layer = layers.register(tar, spec);
            return new StoredLayer(layer.layer(), blobs.size(diffId));
        } catch (IOException | RuntimeException e) {
            forget(diffId);
            throw e;
        }
    }

    /**
     * Stores {@code tree} (an overlay upperdir the caller owns and gives up) as a layer on
     * {@code parent}: packs it once into the content store while bringing it to its unpacked form,
     * then lets the layer store take the directory itself instead of unpacking the tar into a copy.
     * When the layer store cannot take it (another filesystem), the tar is unpacked as usual. On
     * return {@code tree} may be gone; the caller deletes what is left of it.
     */
    StoredLayer adoptLayer(Path tree, Optional<Digest> parent, PackOptions options, Path tmp) throws IOException {
        Path tar = java.nio.file.Files.createTempFile(tmp, "layer-", ".tar");
        try {
            AdoptablePack pack;
            try (OutputStream out = java.nio.file.Files.newOutputStream(tar)) {
                pack = LayerPacker.packForAdoption(tree, out, options);
            }
            PackResult packed = pack.tar();
            try (InputStream in = java.nio.file.Files.newInputStream(tar)) {
                blobs.put(packed.diffId(), in);
            }
            try {
                RegisteredLayer layer = layers.adopt(tree, parent, pack);
                return new StoredLayer(layer.layer(), packed.size());
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                try (InputStream in = blobs.open(packed.diffId())) {
                    RegisteredLayer layer = layers.register(in, new LayerSpec(parent, Optional.of(packed.diffId()),
                            Optional.of(packed.diffId())));
                    return new StoredLayer(layer.layer(), packed.size());
                }
            } catch (IOException | RuntimeException e) {
                forget(packed.diffId());
                throw e;
            }
        } finally {
            java.nio.file.Files.deleteIfExists(tar);
        }
    }

    /**
     * Deletes a blob this ingest wrote and nothing references (the caller holds the content lock,
     * so the index's answer cannot change meanwhile).
     */
    private void forget(Digest blob) {
        if (!referenced.test(blob.toString())) {
            try {
                blobs.delete(blob);
            } catch (IOException e) {
                // collected at the next start
            }
        }
    }

    /** Serializes {@code value} compactly in its own key order and stores it. */
    Digest storeJson(Object value) throws IOException {
        return blobs.put(JSON.writeValueAsBytes(value));
    }

    /** The OCI manifest of an image whose layers are stored uncompressed. */
    Map<String, Object> manifest(Digest config, long configSize, List<StoredLayer> stored) {
        List<Object> descriptors = new ArrayList<>();
        for (StoredLayer layer : stored) {
            descriptors.add(descriptor(LAYER_TAR, layer.info().diffId(), layer.tarSize()));
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MANIFEST);
        manifest.put("config", descriptor(CONFIG, config, configSize));
        manifest.put("layers", descriptors);
        return manifest;
    }

    static Map<String, Object> descriptor(String mediaType, Digest digest, long size) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", mediaType);
        d.put("digest", digest.toString());
        d.put("size", size);
        return d;
    }
}
