package io.cairn.engine.state;

import io.cairn.engine.event.DaemonStarted;
import io.cairn.engine.event.DaemonStopped;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.container.ContainerProjection;
import io.cairn.engine.image.ImageProjection;
import io.cairn.engine.volume.VolumeRecord;

/**
 * The one function from events to index changes, used by the live pipeline and by replay alike, so
 * that replaying the journal into an empty index reproduces the live index exactly. A projection
 * must be deterministic: it may read state and the {@link EventContext}, never the clock, the disk or
 * the environment.
 */
public final class Projector {

    public void apply(Event event, EventContext context, StateReader state, StateWriter out) {
        if (event instanceof VolumeCreated e) {
            out.write(Families.VOLUMES, e.name(), new VolumeRecord(e.name(), e.driver(), e.mountpoint(),
                    context.timeNanos(), e.labels(), e.options()));
        } else if (event instanceof VolumeRemoved e) {
            out.delete(Families.VOLUMES, e.name());
        } else if (event instanceof DaemonStarted || event instanceof DaemonStopped) {
            // audit only: the journal entry is the whole record
        } else if (!ImageProjection.apply(event, context, state, out)
                && !ContainerProjection.apply(event, context, state, out)
                && !io.cairn.engine.build.cache.BuildCacheProjection.apply(event, context, state, out)) {
            throw new IllegalStateException("no projection for " + event.getClass().getSimpleName());
        }
    }
}
