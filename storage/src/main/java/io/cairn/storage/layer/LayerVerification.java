package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;
import java.util.List;

/**
 * The result of re-hashing an unpacked layer.
 *
 * @param chainId  the layer checked
 * @param expected the tree digest it was registered with
 * @param actual   the tree digest of what is on disk now
 * @param changes  one line per entry that differs ("changed: usr/bin/x (content)", "added: …",
 *                 "removed: …"); empty when the tree is intact
 */
public record LayerVerification(Digest chainId, Digest expected, Digest actual, List<String> changes) {
    public LayerVerification {
        changes = List.copyOf(changes);
    }

    public boolean intact() {
        return expected.equals(actual);
    }
}
