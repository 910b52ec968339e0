package io.cairn.engine.main;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code cairn} as the engine JVM sees it: the client's global options ({@code --root}, {@code --debug})
 * and only the commands that run here. Help and version are the client's ({@code bin/cairn} sends
 * {@code -h}/{@code -V} before a command word there).
 */
@Command(name = "cairn", subcommands = {DaemonCommand.class, JournalCommand.class, SystemCommand.class})
public final class EngineCommand {

    /** The root when neither {@code --root} nor {@code $CAIRN_ROOT} names one (the client's too). */
    public static final String DEFAULT_ROOT = io.cairn.api.EngineRoot.DEFAULT;

    @Option(names = "--root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Root of the engine's state (default: $CAIRN_ROOT, else " + DEFAULT_ROOT + ").")
    Path root;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean debug;

    /** The root in effect: {@code --root}, then {@code $CAIRN_ROOT}, then {@value #DEFAULT_ROOT}. */
    public Path root() {
        return io.cairn.api.EngineRoot.resolve(root);
    }

    public boolean debug() {
        return debug;
    }
}
