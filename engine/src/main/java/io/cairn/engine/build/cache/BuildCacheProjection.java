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
import io.cairn.engine.state.Projection;
import io.cairn.engine.state.StateReader;
import io.cairn.engine.state.StateWriter;
import java.util.Set;

/**
 * Builder events → the {@code buildcache} family (cache entries) and the {@code builds} family
 * (builds started and not finished, so that recovery can fail them); the steps are the build's
 * audit trail and live in the journal alone.
 */
public final class BuildCacheProjection implements Projection {

    private static final Set<Class<? extends Event>> EVENTS = Set.of(BuildCacheStored.class, BuildCachePruned.class,
            BuildStarted.class, BuildCompleted.class, BuildFailed.class, BuildStepCompleted.class);

    @Override
    public Set<Class<? extends Event>> events() {
        return EVENTS;
    }

    @Override
    public void apply(Event event, EventContext context, StateReader state, StateWriter out) {
        if (event instanceof BuildCacheStored e) {
            out.write(Families.BUILDCACHE, e.key(), new CacheRecord(e.key(), e.imageId(), e.step(), context.timeNanos()));
        } else if (event instanceof BuildCachePruned e) {
            e.keys().forEach(k -> out.delete(Families.BUILDCACHE, k));
        } else if (event instanceof BuildStarted e) {
            out.put(Families.BUILDS, e.buildId(), e.buildId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } else if (event instanceof BuildCompleted e) {
            out.delete(Families.BUILDS, e.buildId());
        } else if (event instanceof BuildFailed e) {
            out.delete(Families.BUILDS, e.buildId());
        } else if (!(event instanceof BuildStepCompleted)) { // a step is audit only
            throw new IllegalArgumentException("not a " + getClass().getSimpleName() + " event: "
                    + event.getClass().getSimpleName());
        }
    }
}
