package io.cairn.engine.build.copy;

import java.util.Objects;

/**
 * Which paths of its sources a COPY or ADD takes, beyond the sources themselves.
 *
 * @param excludes {@code --exclude}: paths left out, neither copied nor part of the cache key
 * @param parents  {@code --parents}: sources keep their parent directories under the destination
 *                 (see {@link ParentsSource})
 */
public record Selection(Excludes excludes, boolean parents) {

    public Selection {
        Objects.requireNonNull(excludes, "excludes");
    }

    /** Plain COPY: every path of every source, parents dropped. */
    public static Selection all() {
        return new Selection(Excludes.none(), false);
    }
}
