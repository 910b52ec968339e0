package io.cairn.cli.cyclefixture.alpha;

/** Half of a package cycle that ModuleRulesTest must detect (never run). */
public final class Alpha {
    public io.cairn.cli.cyclefixture.beta.Beta beta() {
        return null;
    }
}
