package io.cairn.engine.image.archive;

import io.cairn.engine.image.reference.Reference;
import java.util.List;
import java.util.Objects;

/**
 * One image to write with {@link ArchiveWriter}: its manifest and config exactly as stored (their
 * digests are of these bytes), and the tags to record, each with a tag (a digest alone names no
 * tag); none for an image saved by ID. The layers are read through a {@link BlobSource}.
 */
public record SavedImage(byte[] manifest, byte[] config, List<Reference> tags) {

    public SavedImage {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(config, "config");
        tags = List.copyOf(tags);
        for (Reference tag : tags) {
            if (tag.tag() == null) {
                throw new IllegalArgumentException("cannot save \"" + tag + "\" as a tag: it has no tag");
            }
        }
    }
}
