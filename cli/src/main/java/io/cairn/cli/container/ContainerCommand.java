package io.cairn.cli.container;

import picocli.CommandLine.Command;

/** {@code cairn container}: the container commands under Docker's group names. */
@Command(name = "container", description = "Manage containers.",
        subcommands = {ContainerCommand.Ls.class, ContainerCommand.Create.class, ContainerCommand.Run.class,
            ContainerCommand.Start.class, ContainerCommand.Stop.class, ContainerCommand.Kill.class,
            ContainerCommand.Wait.class, ContainerCommand.Rm.class, ContainerCommand.Inspect.class,
            ContainerCommand.Logs.class, ContainerPrune.class, ContainerCommand.Diff.class,
            ContainerCommand.Commit.class})
public final class ContainerCommand {

    /** {@code container ls}. */
    @Command(name = "ls", aliases = {"list", "ps"}, description = "List containers.")
    public static final class Ls extends PsCommand {
    }

    /** {@code container create}. */
    @Command(name = "create", description = "Create a new container.")
    public static final class Create extends CreateCommand {
    }

    /** {@code container run}. */
    @Command(name = "run", description = "Create and run a new container from an image.")
    public static final class Run extends RunCommand {
    }

    /** {@code container start}. */
    @Command(name = "start", description = "Start one or more stopped containers.")
    public static final class Start extends StartCommand {
    }

    /** {@code container stop}. */
    @Command(name = "stop", description = "Stop one or more running containers.")
    public static final class Stop extends StopCommand {
    }

    /** {@code container kill}. */
    @Command(name = "kill", description = "Kill one or more running containers.")
    public static final class Kill extends KillCommand {
    }

    /** {@code container wait}. */
    @Command(name = "wait", description = "Block until one or more containers stop, then print their exit codes.")
    public static final class Wait extends WaitCommand {
    }

    /** {@code container rm}. */
    @Command(name = "rm", aliases = {"remove"}, description = "Remove one or more containers.")
    public static final class Rm extends RmCommand {
    }

    /** {@code container inspect}. */
    @Command(name = "inspect", description = "Display detailed information on one or more containers.")
    public static final class Inspect extends ContainerInspect {
    }

    /** {@code container diff}. */
    @Command(name = "diff", description = "Inspect changes to files or directories on a container's filesystem.")
    public static final class Diff extends DiffCommand {
    }

    /** {@code container commit}. */
    @Command(name = "commit", description = "Create a new image from a container's changes.")
    public static final class Commit extends CommitCommand {
    }

    /** {@code container logs}. */
    @Command(name = "logs", description = "Fetch the logs of a container.")
    public static final class Logs extends LogsCommand {
    }
}
