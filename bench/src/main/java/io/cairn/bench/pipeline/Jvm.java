package io.cairn.bench.pipeline;

/**
 * JVM options the forked benchmark JVMs add to the host JVM's (which JMH forks with). Chronicle's
 * flags are not here: scripts/bench/jmh.sh gives them to the host JVM from engine/target/jvm-flags.txt
 * (the parent pom's cairn.jvm.opens). Annotation values must be constants.
 */
final class Jvm {
    /** The daemon's heap ceiling (bin/cairn), so that results reflect its memory budget. */
    static final String HEAP = "-Xmx256m";

    private Jvm() {
    }
}
