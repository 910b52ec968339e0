package io.cairn.engine;

import io.cairn.engine.build.cache.BuildCacheProjection;
import io.cairn.engine.container.ContainerProjection;
import io.cairn.engine.event.DaemonStarted;
import io.cairn.engine.event.DaemonStopped;
import io.cairn.engine.event.ExecCreated;
import io.cairn.engine.event.ExecDied;
import io.cairn.engine.event.ExecStarted;
import io.cairn.engine.image.ImageProjection;
import io.cairn.engine.state.Projection;
import io.cairn.engine.state.Projector;
import io.cairn.engine.volume.VolumeProjection;
import java.util.List;

/**
 * The composition root's list of projections: every domain's, which together own every event type.
 * The live pipeline, start-up replay, {@code journal rebuild} and {@code journal repair} all use
 * this one list, so they project the journal alike.
 */
public final class Projections {

    private Projections() {
    }

    /** A projector over every domain's projection. */
    public static Projector all() {
        return new Projector(List.of(
                new VolumeProjection(),
                new ImageProjection(),
                new ContainerProjection(),
                new io.cairn.engine.network.NetworkProjection(),
                new BuildCacheProjection(),
                Projection.auditOnly(DaemonStarted.class, DaemonStopped.class),
                Projection.auditOnly(ExecCreated.class, ExecStarted.class, ExecDied.class)));
    }
}
