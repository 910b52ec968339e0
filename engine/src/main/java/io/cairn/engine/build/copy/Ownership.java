package io.cairn.engine.build.copy;

import java.util.Optional;

/**
 * What {@code --chown} and {@code --chmod} ask for, resolved.
 *
 * @param owner  uid and gid for every written entry, or empty to keep the source's rule
 * @param chmod  how to change modes, or empty to keep the source's
 */
public record Ownership(Optional<int[]> owner, Optional<ModeChange> chmod) {

    /** Neither flag. */
    public static Ownership none() {
        return new Ownership(Optional.empty(), Optional.empty());
    }
}
