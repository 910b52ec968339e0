package io.cairn.engine.cyclefixture.beta;

import io.cairn.engine.cyclefixture.alpha.Alpha;

/** The other half of a deliberate package cycle, for {@link io.cairn.engine.PackageCyclesTest} to catch. */
public final class Beta {
    public Alpha back() {
        return new Alpha();
    }
}
