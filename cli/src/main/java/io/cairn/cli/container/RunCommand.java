package io.cairn.cli.container;

import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.api.CairnException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cairn run [-d] [OPTIONS] IMAGE [COMMAND…]}: create and start; without {@code -d} it streams
 * the container's stdout and stderr and exits with the container's exit code (128+N when killed by
 * signal N). With {@code -i} or {@code -t} it attaches as the docker CLI does ({@link ContainerAttach}):
 * stdin is forwarded, {@code -t} gives the process a terminal. A start that fails exits by its kind ({@link ExitCodes}): 127 when the command is not
 * found, 126 when it cannot be invoked, with or without {@code -d}, as Docker's does.
 */
@Command(name = "run", description = "Create and run a new container from an image.")
public class RunCommand extends ClientCommand {

    @Mixin
    CreateOptions options;

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID.")
    boolean detach;

    @Option(names = "--detach-keys", paramLabel = "KEYS", description = "Override the key sequence for detaching a container (default ctrl-p,ctrl-q; with -i; with -d nothing is attached, as in Docker).")
    String detachKeys;

    @Option(names = "--sig-proxy", arity = "0..1", defaultValue = "true", fallbackValue = "true", paramLabel = "BOOL",
            description = "Proxy received signals (SIGINT, SIGTERM) to the process (default true; not with -t).")
    boolean sigProxy;

    @Override
    protected int run() throws Exception {
        if (detachKeys != null) {
            // checked even with -d, where Docker's CLI takes them and attaches nothing: they are this
            // run's attach's keys, never stored with the container (a later attach names its own)
            try {
                io.cairn.api.DetachKeys.parse(detachKeys);
            } catch (io.cairn.api.InvalidArgumentException e) {
                throw error(e.getMessage());
            }
        }
        options.stdinOnce = options.interactive && !detach;
        options.consoleSize = !detach;
        String id = CreateCommand.create(this, options, err());
        if (!detach && (options.interactive || options.tty)) {
            try {
                return ContainerAttach.run(client(), id, options.interactive, options.tty, detachKeys, sigProxy, true,
                        options.rm);
            } catch (RuntimeException | java.io.IOException e) {
                if (options.rm) {
                    removeQuietly(id); // a foreground --rm run that failed leaves nothing behind
                }
                throw e;
            }
        }
        if (detach) {
            client().post("/containers/" + id + "/start", null, com.fasterxml.jackson.databind.JsonNode.class);
            out().println(id);
            return 0;
        }
        LogStream logs = new LogStream(client(), id, out(), err());
        Thread follower = logs.followInBackground();
        Runnable unproxy = sigProxy ? proxySignals(client(), id) : () -> { };
        try {
            return startAndWait(client(), id, options.rm, follower);
        } finally {
            unproxy.run();
        }
    }

    /**
     * Starts the container and returns its exit code once {@code follower} (its output) has ended;
     * the wait is taken in before the start ({@link #awaitExit}). A refused start stops the follower
     * and throws: its kind says 127 (command not found), 126 (cannot be invoked) or 1.
     */
    static int startAndWait(io.cairn.cli.client.ApiClient client, String id, boolean removed, Thread follower)
            throws InterruptedException {
        java.util.concurrent.CompletableFuture<Integer> exit = awaitExit(client, id, removed);
        try {
            client.post("/containers/" + id + "/start", null, com.fasterxml.jackson.databind.JsonNode.class);
        } catch (CairnException e) {
            follower.interrupt();
            exit.cancel(true);
            throw e;
        }
        try {
            int code = exit.join();
            follower.join(10_000);
            return code;
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * The exit code of the container's next run, asked before it starts, as the docker CLI asks: the
     * daemon has taken the wait in when this returns, so a process that ends at once, and an
     * {@code --rm} container removed at once ({@code removed}), still report their code.
     */
    static java.util.concurrent.CompletableFuture<Integer> awaitExit(io.cairn.cli.client.ApiClient client, String id,
                                                                     boolean removed) {
        return client.postOnceAnswered("/containers/" + id + "/wait?condition=" + (removed ? "removed" : "next-exit"))
                .thenApply(answer -> answer.path("StatusCode").asInt(ExitCodes.NO_DAEMON));
    }

    /** {@code --sig-proxy}: SIGINT and SIGTERM to this process go to the container; returns the restorer. */
    static Runnable proxySignals(io.cairn.cli.client.ApiClient client, String id) {
        Runnable a = Signals.on("INT", () -> kill(client, id, "SIGINT"));
        Runnable b = Signals.on("TERM", () -> kill(client, id, "SIGTERM"));
        return () -> {
            a.run();
            b.run();
        };
    }

    private static void kill(io.cairn.cli.client.ApiClient client, String id, String signal) {
        try {
            client.post("/containers/" + id + "/kill?signal=" + signal, null, com.fasterxml.jackson.databind.JsonNode.class);
        } catch (CairnException notRunning) {
            // it ended meanwhile
        }
    }

    private void removeQuietly(String id) {
        try {
            client().delete("/containers/" + id + "?force=1");
        } catch (CairnException gone) {
            // removed already
        }
    }
}
