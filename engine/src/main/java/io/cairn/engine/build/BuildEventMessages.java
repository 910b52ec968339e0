package io.cairn.engine.build;

import io.cairn.api.EventMessage;
import io.cairn.engine.event.BuildCachePruned;
import io.cairn.engine.event.BuildCacheStored;
import io.cairn.engine.event.BuildCompleted;
import io.cairn.engine.event.BuildFailed;
import io.cairn.engine.event.BuildStarted;
import io.cairn.engine.event.BuildStepCompleted;
import io.cairn.engine.event.Event;
import java.util.LinkedHashMap;
import java.util.Map;

/** The builder's events as Docker-style event messages of type {@code builder}. */
public final class BuildEventMessages {

    private BuildEventMessages() {
    }

    /** Whether {@code event} is one of the builder's. */
    public static boolean handles(Event event) {
        return event instanceof BuildStarted || event instanceof BuildStepCompleted || event instanceof BuildCacheStored
                || event instanceof BuildCompleted || event instanceof BuildFailed || event instanceof BuildCachePruned;
    }

    /** The action: start, step, cache, complete, fail, prune. */
    public static String action(Event event) {
        if (event instanceof BuildStarted) {
            return "start";
        } else if (event instanceof BuildStepCompleted) {
            return "step";
        } else if (event instanceof BuildCacheStored) {
            return "cache";
        } else if (event instanceof BuildCompleted) {
            return "complete";
        } else if (event instanceof BuildFailed) {
            return "fail";
        } else if (event instanceof BuildCachePruned) {
            return "prune";
        }
        throw new IllegalArgumentException("not a builder event: " + event.getClass().getSimpleName());
    }

    /** The actor: the build (by ID) or the cache entry; attributes carry what a user filters or reads. */
    public static EventMessage.Actor actor(Event event) {
        Map<String, String> a = new LinkedHashMap<>();
        String id;
        if (event instanceof BuildStarted e) {
            id = e.buildId();
            a.put("dockerfile", e.dockerfile());
            a.put("context", e.context());
            a.put("target", e.target());
            a.put("tags", String.join(",", e.tags()));
        } else if (event instanceof BuildStepCompleted e) {
            id = e.buildId();
            a.put("step", Integer.toString(e.step()));
            a.put("name", e.name());
            a.put("cached", Boolean.toString(e.cached()));
            a.put("image", e.imageId());
            a.put("millis", Long.toString(e.millis()));
        } else if (event instanceof BuildCacheStored e) {
            id = e.key();
            a.put("image", e.imageId());
            a.put("step", e.step());
        } else if (event instanceof BuildCompleted e) {
            id = e.buildId();
            a.put("image", e.imageId());
            a.put("millis", Long.toString(e.millis()));
        } else if (event instanceof BuildFailed e) {
            id = e.buildId();
            a.put("step", e.step());
            a.put("error", e.error());
        } else if (event instanceof BuildCachePruned e) {
            id = "buildcache";
            a.put("entries", Integer.toString(e.keys().size()));
        } else {
            throw new IllegalArgumentException("not a builder event: " + event.getClass().getSimpleName());
        }
        return new EventMessage.Actor(id, a);
    }
}
