package io.cairn.engine.cyclefixture.alpha;

import io.cairn.engine.cyclefixture.beta.Beta;

/** Half of a deliberate package cycle, for {@link io.cairn.engine.PackageCyclesTest} to catch. */
public final class Alpha {
    public Beta next() {
        return new Beta();
    }
}
