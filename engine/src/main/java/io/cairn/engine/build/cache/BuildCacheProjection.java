package io.cairn.engine.build.cache;

import io.cairn.engine.event.BuildCachePruned;
import io.cairn.engine.event.BuildCacheStored;
import io.cairn.engine.event.BuildCompleted;
import io.cairn.engine.event.BuildFailed;
import io.cairn.engine.event.BuildStarted;
import io.cairn.engine.event.BuildStepCompleted;
import io.cairn.engine.event.Event;
import io.cairn.engine.state.EventContext;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import io.cairn.engine.state.StateWriter;

/**
 * Builder events → the {@code buildcache} family. Only cache entries are indexed; the other
 * builder events are the build's audit trail and live in the journal alone.
 */
public final class BuildCacheProjection {

    private BuildCacheProjection() {
    }

    /** Applies the event if it is the builder's; returns false otherwise. */
    public static boolean apply(Event event, EventContext context, StateReader state, StateWriter out) {
        if (event instanceof BuildCacheStored e) {
            out.write(Families.BUILDCACHE, e.key(), new CacheRecord(e.key(), e.imageId(), e.step(), context.timeNanos()));
            return true;
        }
        if (event instanceof BuildCachePruned e) {
            e.keys().forEach(k -> out.delete(Families.BUILDCACHE, k));
            return true;
        }
        return event instanceof BuildStarted || event instanceof BuildStepCompleted || event instanceof BuildCompleted
                || event instanceof BuildFailed;
    }
}
