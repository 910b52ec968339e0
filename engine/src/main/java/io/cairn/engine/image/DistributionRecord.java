package io.cairn.engine.image;

import java.util.List;

/**
 * What the index remembers of a layer's compressed form ({@code distribution} family, key
 * {@code diffID|compression}): its digest and size, and the repositories known to hold it (most
 * recent last, at most {@link #MAX_REPOSITORIES}).
 */
public record DistributionRecord(String diffId, String compression, String digest, long size, List<String> repositories) {

    static final int MAX_REPOSITORIES = 16;

    static String key(String diffId, String compression) {
        return diffId + "|" + compression;
    }

    DistributionRecord with(String digest, long size, String repository) {
        List<String> repos = new java.util.ArrayList<>(digest.equals(this.digest) ? repositories : List.of());
        repos.remove(repository);
        repos.add(repository);
        while (repos.size() > MAX_REPOSITORIES) {
            repos.remove(0);
        }
        return new DistributionRecord(diffId, compression, digest, size, List.copyOf(repos));
    }
}
