package io.cairn.engine.image;

import io.cairn.api.EngineFailureException;
import io.cairn.engine.image.archive.ArchiveWriter;
import io.cairn.engine.image.archive.SavedImage;
import io.cairn.engine.image.reference.Reference;
import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * {@code docker save}: one archive for several images that both docker-archive and OCI readers
 * accept (OCI layout plus {@code manifest.json}, as Docker 25+ writes). An image named by a tag is
 * saved with that tag; one named by ID with none.
 */
public final class ImageSaver {

    private final ImageService images;

    public ImageSaver(ImageService images) {
        this.images = images;
    }

    /** Resolves every name first, so an unknown one fails before a byte is written. */
    public List<SavedImage> resolve(List<String> names) {
        Map<String, List<Reference>> tagsById = new LinkedHashMap<>();
        for (String name : names) {
            ImageRecord image = images.resolve(name);
            List<Reference> tags = tagsById.computeIfAbsent(image.id(), k -> new ArrayList<>());
            if (!ImageNames.looksLikeId(name)) {
                Reference tag = Reference.parse(name);
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            }
        }
        List<SavedImage> saved = new ArrayList<>();
        tagsById.forEach((id, tags) -> {
            ImageRecord image = images.resolve(id);
            saved.add(new SavedImage(bytes(image.manifestDigest()), bytes(image.id()), tags));
        });
        return saved;
    }

    public void write(List<SavedImage> saved, OutputStream out, LongConsumer progress) throws IOException {
        new ArchiveWriter(progress).write(saved, images.content().blobs()::open, out);
    }

    private byte[] bytes(String digest) {
        try (InputStream in = images.content().blobs().open(Digest.parse(digest))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EngineFailureException("cannot read blob " + digest + ": " + e.getMessage(), e);
        }
    }
}
