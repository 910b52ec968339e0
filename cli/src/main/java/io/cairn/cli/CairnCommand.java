package io.cairn.cli;

import io.cairn.cli.command.GlobalOptions;

import io.cairn.cli.system.InfoCommand;
import io.cairn.cli.build.BuildCommand;
import io.cairn.cli.container.CommitCommand;
import io.cairn.cli.container.CpCommand;
import io.cairn.cli.container.ExportCommand;
import io.cairn.cli.container.PauseCommand;
import io.cairn.cli.container.RenameCommand;
import io.cairn.cli.container.RestartCommand;
import io.cairn.cli.container.StatsCommand;
import io.cairn.cli.container.TopCommand;
import io.cairn.cli.container.UnpauseCommand;
import io.cairn.cli.container.UpdateCommand;
import io.cairn.cli.container.ContainerCommand;
import io.cairn.cli.container.DiffCommand;
import io.cairn.cli.container.ContainerInspect;
import io.cairn.cli.container.CreateCommand;
import io.cairn.cli.container.KillCommand;
import io.cairn.cli.container.LogsCommand;
import io.cairn.cli.container.PsCommand;
import io.cairn.cli.container.RmCommand;
import io.cairn.cli.container.RunCommand;
import io.cairn.cli.container.StartCommand;
import io.cairn.cli.container.StopCommand;
import io.cairn.cli.container.WaitCommand;
import io.cairn.cli.image.HistoryCommand;
import io.cairn.cli.image.ImageCommand;
import io.cairn.cli.image.ImagesCommand;
import io.cairn.cli.image.ImportCommand;
import io.cairn.cli.image.LoadCommand;
import io.cairn.cli.image.SaveCommand;
import io.cairn.cli.image.RmiCommand;
import io.cairn.cli.image.TagCommand;
import io.cairn.cli.journal.JournalCommand;
import io.cairn.cli.system.SystemCommand;
import io.cairn.cli.volume.VolumeCommand;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code cairn}: the root command and the options every subcommand inherits. */
@Command(name = "cairn", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "An event-sourced container engine.")
public final class CairnCommand implements GlobalOptions {

    /**
     * The top-level commands, in help order. {@link Main} registers only the one a command line names
     * (all of them for help or an unknown word): picocli introspects every registered command at
     * start-up, which would cost each invocation tens of milliseconds per command. A holder, so that
     * the fast start ({@code io.cairn.cli.launch}), which makes a {@code CairnCommand} for the global
     * options, does not load every command class.
     */
    public static List<Class<?>> commands() {
        return Commands.ALL;
    }

    private static final class Commands {
        static final List<Class<?>> ALL = List.of(
                DaemonCommand.class,
                InfoCommand.class,
                VersionCommand.class,
                EventsCommand.class,
                RunCommand.class,
                CreateCommand.class,
                StartCommand.class,
                io.cairn.cli.container.AttachCommand.class,
                io.cairn.cli.container.ExecCommand.class,
                PsCommand.class,
                LogsCommand.class,
                StopCommand.class,
                KillCommand.class,
                WaitCommand.class,
                RmCommand.class,
                CpCommand.class,
                ExportCommand.class,
                TopCommand.class,
                StatsCommand.class,
                PauseCommand.class,
                UnpauseCommand.class,
                RenameCommand.class,
                RestartCommand.class,
                UpdateCommand.class,
                ContainerInspect.class,
                CommitCommand.class,
                DiffCommand.class,
                ContainerCommand.class,
                BuildCommand.class,
                io.cairn.cli.build.BuilderCommand.class,
                ImagesCommand.class,
                ImageCommand.class,
                ImportCommand.class,
                LoadCommand.class,
                io.cairn.cli.registry.PullCommand.class,
                io.cairn.cli.registry.PushCommand.class,
                io.cairn.cli.registry.LoginCommand.class,
                io.cairn.cli.registry.LogoutCommand.class,
                SaveCommand.class,
                HistoryCommand.class,
                TagCommand.class,
                RmiCommand.class,
                VolumeCommand.class,
                io.cairn.cli.network.NetworkCommand.class,
                io.cairn.cli.network.PortCommand.class,
                JournalCommand.class,
                SystemCommand.class);
    }

    public static final String DEFAULT_ROOT = io.cairn.api.EngineRoot.DEFAULT;

    @Option(names = "--root", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Root of the engine's state (default: $CAIRN_ROOT, else " + DEFAULT_ROOT + ").")
    Path root;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces with errors.")
    boolean debug;

    /** The root in effect: {@code --root}, then {@code $CAIRN_ROOT}, then {@value #DEFAULT_ROOT}. */
    @Override
    public Path root() {
        return io.cairn.api.EngineRoot.resolve(root);
    }

    @Override
    public boolean debug() {
        return debug;
    }
}
