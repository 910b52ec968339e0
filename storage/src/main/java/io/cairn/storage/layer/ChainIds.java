package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;
import java.util.List;
import java.util.Optional;

/**
 * ChainIDs per the OCI image spec (config.md, "Layer ChainID"): {@code ChainID(L0) = DiffID(L0)},
 * {@code ChainID(Ln) = sha256(ChainID(Ln-1) + " " + DiffID(Ln))}. A chainID names an unpacked layer
 * together with everything below it, so images that share a base share its directories.
 */
public final class ChainIds {
    private ChainIds() {
    }

    /** The chainID of a layer with diffID {@code diffId} on top of {@code parent} (empty for a base layer). */
    public static Digest next(Optional<Digest> parent, Digest diffId) {
        return parent.map(p -> Digest.sha256(p + " " + diffId)).orElse(diffId);
    }

    /** The chainID of the top of a stack of layers, bottom first. */
    public static Digest of(List<Digest> diffIds) {
        if (diffIds.isEmpty()) {
            throw new IllegalArgumentException("a chainID needs at least one diffID");
        }
        Optional<Digest> chain = Optional.empty();
        for (Digest diffId : diffIds) {
            chain = Optional.of(next(chain, diffId));
        }
        return chain.orElseThrow();
    }
}
