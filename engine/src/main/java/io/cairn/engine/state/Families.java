package io.cairn.engine.state;

import io.cairn.storage.index.IndexStore;
import java.util.List;

/** The index's families (DESIGN.md "On disk"); each holds JSON records keyed by name or ID. */
public final class Families {
    public static final String IMAGES = "images";
    public static final String TAGS = "tags";
    public static final String LAYERS = "layers";
    public static final String CONTAINERS = "containers";
    public static final String NAMES = "names";
    public static final String BUILDCACHE = "buildcache";
    public static final String VOLUMES = "volumes";
    public static final String META = IndexStore.META;

    /** Every family the engine opens, in a fixed order. */
    public static final List<String> ALL =
            List.of(IMAGES, TAGS, LAYERS, CONTAINERS, NAMES, BUILDCACHE, VOLUMES, META);

    private Families() {
    }
}
