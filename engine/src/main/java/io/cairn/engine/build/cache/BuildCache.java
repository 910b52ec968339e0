package io.cairn.engine.build.cache;

import io.cairn.engine.event.BuildCachePruned;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The build cache: step key → image, journaled ({@code BuildCacheStored}, written in the same
 * decision as the image it names) and indexed in {@code buildcache}, so it survives restarts and
 * {@code journal rebuild}. An entry whose image was removed since is a miss: the cache is never
 * wrong, only sometimes cold.
 */
public final class BuildCache {

    private final Pipeline pipeline;
    private final StateReader state;

    public BuildCache(Pipeline pipeline, StateReader committed) {
        this.pipeline = pipeline;
        this.state = committed;
    }

    /** The image a step with {@code key} made before, if it still exists. */
    public Optional<String> lookup(String key) {
        CacheRecord record = state.read(Families.BUILDCACHE, key, CacheRecord.class);
        if (record == null || state.get(Families.IMAGES, record.imageId()) == null) {
            return Optional.empty();
        }
        return Optional.of(record.imageId());
    }

    /** Every entry, in key order. */
    public List<CacheRecord> entries() {
        List<CacheRecord> out = new ArrayList<>();
        out.addAll(state.list(Families.BUILDCACHE, "", CacheRecord.class));
        return out;
    }

    /** {@code builder prune}: forgets every entry; returns how many. */
    public List<CacheRecord> prune(int uid) {
        return pipeline.execute(s -> {
            List<CacheRecord> all = new ArrayList<>();
            all.addAll(s.list(Families.BUILDCACHE, "", CacheRecord.class));
            if (all.isEmpty()) {
                return Decision.of(all);
            }
            return Decision.of(all, new BuildCachePruned(all.stream().map(CacheRecord::key).toList()));
        }, uid);
    }
}
