package io.cairn.engine.image;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.image.reference.ImageIds;
import io.cairn.engine.image.reference.Reference;

/**
 * References as the image store keys them: normalized ({@code docker.io/library/busybox:latest}) in
 * the index, familiar ({@code busybox:latest}) in output. Tags never carry a digest: without a
 * registry, a digest names nothing Cairn stores; the image ID does.
 */
public final class ImageNames {

    private ImageNames() {
    }

    /** True for a full or short image ID ({@code sha256:} optional). */
    static boolean looksLikeId(String text) {
        return ImageIds.looksLikeId(text);
    }

    /** Docker's normalization, with the default tag {@code latest}. */
    public static String normalize(String reference) {
        Reference parsed = Reference.parse(reference);
        if (parsed.digest() != null) {
            throw new InvalidArgumentException("invalid reference \"" + reference
                    + "\": a digest names an image in a registry; Cairn has none, use the image ID");
        }
        return parsed.toString();
    }

    /** The form Docker prints: without {@code docker.io/} and {@code library/}. */
    public static String familiar(String normalized) {
        return Reference.parse(normalized).familiar();
    }

    /** The repository part of a familiar reference (before the tag). */
    static String repository(String familiar) {
        return Reference.parse(familiar).familiarName();
    }
}
