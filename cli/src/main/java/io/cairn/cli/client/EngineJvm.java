package io.cairn.cli.client;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's JVM, as this client starts it: through the launcher ({@code -Dcairn.launcher}, which
 * {@code bin/cairn} sets) with {@code CAIRN_JVM=engine}, so that the launcher runs the engine's main
 * class on the engine's class path with Chronicle's flags. The client's own class path holds no
 * engine class, so without a launcher there is no engine to start.
 */
public final class EngineJvm {

    private EngineJvm() {
    }

    /**
     * A process builder for {@code launcher --root ROOT ARGS…} in the engine's JVM, its input from
     * {@code /dev/null}.
     *
     * @param prefix words before the launcher ({@code setsid} for a detached daemon), or none
     * @throws DaemonUnavailableException when this JVM was not started through a launcher
     */
    public static ProcessBuilder command(List<String> prefix, Path root, List<String> args) {
        String launcher = System.getProperty("cairn.launcher");
        if (launcher == null || launcher.isEmpty()) {
            throw new DaemonUnavailableException("cannot start the engine for " + root
                    + ": no launcher (-Dcairn.launcher); run cairn through bin/cairn");
        }
        List<String> cmd = new ArrayList<>(prefix);
        cmd.add(launcher);
        cmd.addAll(args);
        cmd.addAll(List.of("--root", root.toString()));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("CAIRN_JVM", "engine");
        // bin/cairn-setup's recording of a client's classes (bin/cairn) is that client's own
        builder.environment().remove("CAIRN_CLASS_LIST");
        builder.environment().remove("CAIRN_CDS_DUMP");
        return builder;
    }
}
