package io.cairn.bench.pipeline;

/**
 * JVM options the forked benchmark JVMs add to the host JVM's (which JMH forks with). Chronicle's
 * flags are not here: scripts/bench/jmh.sh gives them to the host JVM from engine/target/jvm-flags.txt
 * (the parent pom's cairn.jvm.opens). Annotation values must be constants.
 */
final class Jvm {
    /** The daemon's heap ceiling (bin/cairn), so that results reflect its memory budget. */
    static final String HEAP = "-Xmx256m";

    /**
     * The daemon's collector (bin/cairn). JMH's forks would otherwise get the JVM's default, G1 on a
     * machine this size, whose young pauses (14-100 ms in a loaded latency run) are not the daemon's.
     * {@code -jvmArgsAppend} on the command line replaces both; name them again there.
     */
    static final String GC = "-XX:+UseSerialGC";

    private Jvm() {
    }
}
