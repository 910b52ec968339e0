package io.cairn.engine.snapshot;

import java.nio.file.Path;

/**
 * Why a snapshot directory must not be used, naming the path at fault. Internal to this package:
 * {@link SnapshotStore#list()} turns it into {@link Snapshot#problem()}, an operation that needs the
 * snapshot into an {@link io.cairn.api.EngineFailureException}.
 */
final class Refusal extends RuntimeException {

    Refusal(Path path, String why) {
        super("snapshot refused: " + path + " " + why, null, false, false);
    }
}
