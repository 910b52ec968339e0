package io.cairn.bench.pipeline;

/**
 * JVM options every forked benchmark JVM needs: Chronicle's module openings (STACK.md) and its
 * opt-outs. Annotation values must be constants, hence one constant per flag.
 */
final class Jvm {
    static final String OPENS_LANG = "--add-opens=java.base/java.lang=ALL-UNNAMED";
    static final String OPENS_REFLECT = "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED";
    static final String EXPORTS_NIO = "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED";
    static final String EXPORTS_REF = "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED";
    static final String EXPORTS_JAVAC = "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED";
    static final String NO_ANALYTICS = "-Dchronicle.analytics.disable=true";
    static final String NO_BANNER = "-Dchronicle.announcer.disable=true";
    /** The daemon's heap ceiling (bin/cairn), so that results reflect its memory budget. */
    static final String HEAP = "-Xmx256m";

    private Jvm() {
    }
}
