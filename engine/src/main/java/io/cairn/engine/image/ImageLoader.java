package io.cairn.engine.image;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.image.archive.ArchiveImage;
import io.cairn.engine.image.archive.ArchiveLayer;
import io.cairn.engine.image.archive.ArchiveReader;
import io.cairn.engine.image.archive.ArchiveStager;
import io.cairn.engine.image.reference.Reference;
import io.cairn.storage.blob.DigestMismatchException;
import io.cairn.storage.digest.Digest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code docker load}: an archive in Docker's docker-archive format or an OCI image layout is staged
 * under {@code tmp/}, each image's layers are verified and stored uncompressed, its config is kept
 * byte for byte (so the image ID is the same as where it came from), and the images and their tags
 * are journaled. A bad archive or layer changes nothing and names the entry.
 */
public final class ImageLoader {

    /** A step of a load, for progress output. */
    public record Step(String status, String id, long current, long total) {
    }

    private final ImageService images;
    private final Path tmp;

    public ImageLoader(ImageService images, Path tmp) {
        this.images = images;
        this.tmp = tmp;
    }

    /** Loads every image in the archive; returns Docker's lines ({@code Loaded image: REF}). */
    public List<String> load(InputStream archive, Consumer<Step> progress, int uid) {
        Path staging;
        try {
            staging = Files.createTempDirectory(tmp, "load-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a staging directory in " + tmp, e);
        }
        try {
            new ArchiveStager(n -> progress.accept(new Step("Receiving", "", n, -1))).stage(archive, staging);
            List<ArchiveImage> found = new ArchiveReader().read(staging);
            if (found.isEmpty()) {
                throw new InvalidArgumentException("the archive holds no image (no manifest.json or index.json entries)");
            }
            List<String> lines = new ArrayList<>();
            for (ArchiveImage image : found) {
                lines.addAll(loadOne(image, staging, progress, uid));
            }
            return lines;
        } catch (IOException e) {
            throw describe(e);
        } catch (io.cairn.api.EngineFailureException e) {
            throw new io.cairn.api.EngineFailureException("load: " + e.getMessage(), e);
        } finally {
            try {
                Trees.delete(staging);
            } catch (IOException e) {
                // tmp/ is emptied at the next start anyway
            }
        }
    }

    private List<String> loadOne(ArchiveImage image, Path staged, Consumer<Step> progress, int uid) {
        List<String> tags = image.repoTags().stream().map(r -> r.withDefaultTag().toString()).toList();
        String id = images.commitNew(content -> {
            List<ImageContent.StoredLayer> stored = new ArrayList<>();
            Optional<Digest> parent = Optional.empty();
            int n = 0;
            for (ArchiveLayer layer : image.layers()) {
                progress.accept(new Step("Loading layer", layer.diffId().hex().substring(0, 12), ++n, image.layers().size()));
                try {
                    ImageContent.StoredLayer s = content.storeLayer(layer.file(), parent, Optional.of(layer.diffId()),
                            Optional.ofNullable(layer.digest()));
                    stored.add(s);
                    parent = Optional.of(s.info().chainId());
                } catch (io.cairn.storage.layer.InvalidLayerException | io.cairn.storage.blob.DigestMismatchException e) {
                    throw new InvalidArgumentException("layer " + n + " of " + image.layers().size() + " ("
                            + staged.relativize(layer.file()) + ", diffID " + layer.diffId() + "): " + e.getMessage());
                }
            }
            content.blobs().put(image.configDigest(), new ByteArrayInputStream(image.configBytes()));
            byte[] manifest = ImageContent.JSON.writeValueAsBytes(
                    content.manifest(image.configDigest(), image.configBytes().length, stored));
            Digest manifestDigest = content.blobs().put(manifest);
            String created = image.config().created() == null ? "" : image.config().created().toString();
            return new NewImage(image.configDigest().toString(), image.configBytes().length, manifestDigest.toString(),
                    manifest.length, stored, created, "load", tags);
        }, uid);
        if (tags.isEmpty()) {
            return List.of("Loaded image ID: " + id);
        }
        return tags.stream().map(t -> "Loaded image: " + Reference.parse(t).familiar()).toList();
    }

    private static RuntimeException describe(IOException e) {
        if (e instanceof DigestMismatchException m) {
            return new InvalidArgumentException("archive content does not match its digest: expected " + m.expected()
                    + ", got " + m.actual());
        }
        if (outOfSpace(e)) {
            // the engine's disk is full, not the archive bad: a 500 naming the operation, not a 400
            return new io.cairn.api.EngineFailureException("load: cannot store the archive: " + e.getMessage(), e);
        }
        return new InvalidArgumentException("invalid image archive: " + e.getMessage());
    }

    /** ENOSPC or EDQUOT anywhere in the chain (the JDK reports them only by their strerror text). */
    static boolean outOfSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }

}
