package io.cairn.cli.cyclefixture.beta;

/** The other half of the fixture's cycle (never run). */
public final class Beta {
    public io.cairn.cli.cyclefixture.alpha.Alpha alpha() {
        return null;
    }
}
