package io.cairn.engine.daemon;

import io.cairn.engine.Engine;
import io.cairn.engine.layout.RootLayout;
import io.cairn.api.SystemInfo;
import io.cairn.engine.container.OciBundleWriter;
import io.cairn.engine.runtime.runc.ConmonRuncRuntime;
import io.cairn.engine.runtime.runc.RuncOptions;
import io.cairn.engine.runtime.spec.SpecGenerator;
import io.cairn.engine.runtime.spec.apparmor.AppArmor;
import io.cairn.engine.recovery.Leftovers;
import io.cairn.engine.http.ApiServer;
import io.cairn.engine.runtime.RuntimeProbe;
import io.cairn.engine.state.Families;
import io.cairn.journal.Durability;
import io.cairn.journal.Journal;
import io.cairn.journal.chronicle.ChronicleJournal;
import io.cairn.storage.posix.Posix;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * {@code cairn daemon}: holds {@code <root>/cairn.lock}, recovers the engine, serves the API on
 * {@code <root>/cairn.sock}, then writes {@code cairn.pid}. SIGTERM (or SIGINT) stops it cleanly:
 * the socket closes, the pipeline drains, a stop is journaled, and the pid, socket and lock files are
 * removed. Containers (later) keep running under their monitors.
 */
public final class Daemon {

    /**
     * How the daemon runs.
     *
     * @param root       the root directory
     * @param durability whether a batch is acknowledged after a process-safe or a power-safe flush
     * @param runtime    the OCI runtime binary (name on the PATH or path)
     * @param group      the group whose members may use the socket; empty: {@code cairn} if it
     *                   exists, else none (root only). A group named but missing stops the start.
     * @param maxFollowers how many followers (events, logs --follow, wait) the API serves at once
     * @param defaultBridge whether the predefined {@code bridge} network exists ({@code --bridge none}: it
     *                      does not, and {@code --network default} means {@code none}, as {@code dockerd -b none})
     * @param pipeline   ring size, batch limit and effect threads of the write path
     * @param index      RocksDB's block cache, memtable and compaction settings
     * @param journalRollCycle how often the journal starts a new file (a journal keeps the cycle it was made with)
     * @param journalSnapshots how many index snapshots {@code journal snapshot} keeps (daemon.json {@code journal-snapshots})
     */
    public record Options(Path root, Durability durability, String runtime, Optional<String> group, int maxFollowers,
                          boolean defaultBridge, io.cairn.engine.pipeline.PipelineSettings pipeline,
                          io.cairn.storage.index.rocks.RocksSettings index,
                          io.cairn.journal.chronicle.RollPeriod journalRollCycle, int journalSnapshots) {
        /** Docker has no such limit; this one is far above real use and far below what wedges the daemon. */
        public static final int DEFAULT_MAX_FOLLOWERS = 256;

        /** The default tuning knobs (daemon.json's; docs/TUNING.md). */
        public Options(Path root, Durability durability, String runtime, Optional<String> group, int maxFollowers,
                       boolean defaultBridge) {
            this(root, durability, runtime, group, maxFollowers, defaultBridge,
                    io.cairn.engine.pipeline.PipelineSettings.DEFAULTS, io.cairn.storage.index.rocks.RocksSettings.DEFAULTS,
                    io.cairn.journal.chronicle.RollPeriod.DAILY, Engine.DEFAULT_KEEP_SNAPSHOTS);
        }
    }

    /** The group {@link Options#group} falls back to, when it exists (Docker's is {@code docker}). */
    public static final String DEFAULT_GROUP = "cairn";

    /** What the daemon's files and children get: nothing for the group or others (DESIGN.md "Trust boundaries"). */
    private static final int UMASK = 0077;

    private static final Logger LOG = Logger.getLogger(Daemon.class.getName());
    /** Exit status after a fatal error of the pipeline thread. */
    public static final int EXIT_HALTED = 70;

    private Daemon() {
    }

    /** Runs until stopped with the default registry settings; returns the process exit code. */
    public static int run(Options options, PrintStream err) {
        return run(options, io.cairn.engine.registry.RegistryConfig.defaults(), err);
    }

    /** Runs until stopped, reaching registries as {@code registries} says; returns the process exit code. */
    public static int run(Options options, io.cairn.engine.registry.RegistryConfig registries, PrintStream err) {
        // first, before any file, directory or socket exists: none of them is ever open to others
        // (bin/cairn has set it already; the native call costs ~0.1 s of start when it need not run)
        if (umask() != UMASK) {
            Posix.umask(UMASK);
        }
        Optional<GroupPrincipal> group;
        try {
            group = socketGroup(options.group());
            RootAccess.refuseShared(options.root());
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        }
        RootLayout root = new RootLayout(options.root()).create();
        RootLock lock;
        try {
            lock = RootLock.tryAcquire(root).orElse(null);
        } catch (IOException e) {
            err.println("Error: cannot open " + root.lockFile() + ": " + e.getMessage());
            return 1;
        }
        if (lock == null) {
            err.println("Error: another daemon holds " + root.lockFile() + RootLock.holderHint(root));
            return 1;
        }
        long started = System.nanoTime();
        Engine engine;
        ApiServer api;
        try {
            RootAccess.close(root, group);
            // Chronicle's start (its static set-up, the queue's metadata) is ~0.2 s: it runs on a second core
            // while this thread opens the index and makes the services (Engine.open joins it). A journal no
            // clean stop sealed is verified by Engine.open only from the index's last applied entry on; the
            // rest (~1.5 s of CPU per 1M entries) once the socket answers (startJournalAudit below)
            java.util.concurrent.CompletableFuture<Journal> journal = new java.util.concurrent.CompletableFuture<>();
            Thread opener = new Thread(() -> {
                try {
                    Journal opened = ChronicleJournal.open(root.journal(), io.cairn.journal.chronicle
                            .ChronicleJournalOptions.defaults(options.durability())
                            .withRollPeriod(options.journalRollCycle()));
                    journal.complete(opened);
                } catch (Throwable e) {
                    journal.completeExceptionally(e);
                    return;
                }
                // Jetty's MimeTypes lists every available locale when the API server is made (~0.1 s, then
                // cached by the JDK): listed here, while the main thread still opens the index
                java.util.Locale.getAvailableLocales();
            }, "cairn-journal-open");
            opener.setDaemon(true);
            opener.start();
            Path sockets = RuncOptions.defaults(root.dir()).socketDir();
            RootAccess.closeDirectory(sockets.getParent());
            RootAccess.closeDirectory(sockets);
            ConmonRuncRuntime containers = new ConmonRuncRuntime(
                    RuncOptions.defaults(root.dir()).withRuntime(options.runtime()));
            for (String change : new Leftovers(containers::unmount).emptyStaging(root.tmp())) {
                LOG.info("recovery: " + change);
            }
            engine = Engine.open(root, () -> joined(journal), new RocksIndexLocation(root.index(),
                    options.durability() == Durability.SYNC, options.index()), options.pipeline(), uid(), containers,
                    new OciBundleWriter(SpecGenerator.forThisHost()));
            engine.onFatalError(Daemon::halt);
            engine.configureRegistries(registries);
            engine.configureSnapshots(options.journalSnapshots());
            if (!options.defaultBridge()) {
                engine.networks().disableDefaultBridge();
            }
            engineId(root); // made before the socket answers, so every /info gives the same
            // the runtime's version is probed once, by the driver, while the start goes on
            api = new ApiServer(engine, () -> info(engine, options, containers.found()), root.socket(), options.maxFollowers());
            api.start(root.socket(), group);
            writePid(root);
            engine.startJournalAudit();
        } catch (Exception e) {
            err.println("Error: cannot start the daemon on " + root.dir() + ": " + e.getMessage());
            LOG.log(java.util.logging.Level.FINE, "start failed", e);
            release(root, lock);
            return 1;
        }
        LOG.info(String.format("cairn daemon %s listening on %s (pid %d, replayed %d entries, ready in %d ms)",
                Engine.VERSION, root.socket(), ProcessHandle.current().pid(), engine.replayedAtOpen(),
                (System.nanoTime() - started) / 1_000_000));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                api.close();
            } catch (Exception e) {
                LOG.warning("stopping the API server: " + e);
            }
            engine.close();
            removeIfEmpty(RuncOptions.defaults(root.dir()).socketDir());
            release(root, lock);
            LOG.info("cairn daemon stopped");
            stopped.countDown();
        }, "cairn-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The journal its opener made, or the opener's failure as it was thrown. */
    private static Journal joined(java.util.concurrent.CompletableFuture<Journal> journal) {
        try {
            return journal.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The attach-socket directory goes with the daemon, unless a container still running keeps a socket in it. */
    private static void removeIfEmpty(java.nio.file.Path dir) {
        try {
            java.nio.file.Files.deleteIfExists(dir);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            LOG.fine("keeping " + dir + ": containers still use it");
        } catch (java.io.IOException e) {
            LOG.warning("cannot remove " + dir + ": " + e);
        }
    }

    /** The socket's group: the one named, or {@value #DEFAULT_GROUP} when it exists, or none. */
    private static Optional<GroupPrincipal> socketGroup(Optional<String> named) throws IOException {
        var lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        try {
            return Optional.of(lookup.lookupPrincipalByGroupName(named.orElse(DEFAULT_GROUP)));
        } catch (UserPrincipalNotFoundException e) {
            if (named.isPresent()) {
                throw new IOException("--group " + named.get() + ": no such group", e);
            }
            return Optional.empty();
        }
    }

    private static SystemInfo info(Engine engine, Options options, RuntimeProbe.Found runtime) {
        return new SystemInfo(engineId(engine.root()), Engine.VERSION, engine.root().dir().toString(),
                engine.count(Families.CONTAINERS), engine.count(Families.IMAGES), engine.count(Families.VOLUMES),
                "overlay", runtime.name(), runtime.path(), runtime.version(), System.getProperty("os.version"),
                osName(), Runtime.getRuntime().availableProcessors(), memTotal(), engine.journalIndex(),
                engine.lastApplied(), options.durability().name().toLowerCase(), ProcessHandle.current().pid(),
                engine.halted(), dockerHost(engine, runtime), engine.warnings());
    }

    private static SystemInfo.DockerHost dockerHost(Engine engine, RuntimeProbe.Found runtime) {
        long running = 0;
        long paused = 0;
        long all = 0;
        for (var c : engine.containers().all()) {
            all++;
            if (c.status().equals("paused")) {
                paused++;
            } else if (c.running()) {
                running++;
            }
        }
        boolean v2 = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"));
        List<String> security = new ArrayList<>();
        if (AppArmor.enabled()) {
            security.add("name=apparmor");
        }
        security.add("name=seccomp,profile=builtin");
        if (v2) {
            security.add("name=cgroupns");
        }
        return new SystemInfo.DockerHost(running, paused, all - running - paused, hostName(),
                System.getProperty("os.arch").equals("amd64") ? "x86_64" : System.getProperty("os.arch"),
                "cgroupfs", v2 ? "2" : "1", security, Map.of(runtime.name(), Map.of("path", runtime.path())),
                java.time.Instant.now().toString());
    }

    /**
     * The engine's identity, a random UUID made at the first start and kept in the root. Not an
     * event: it names this installation, not a state the journal rebuilds, and losing it only gives
     * the engine a new name.
     */
    static synchronized String engineId(RootLayout root) {
        Path file = root.engineId();
        try {
            if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                String id = Files.readString(file, StandardCharsets.US_ASCII).strip();
                if (id.matches("[0-9a-f-]{36}")) {
                    return id;
                }
            }
            String id = java.util.UUID.randomUUID().toString();
            Path tmp = file.resolveSibling("engine-id.tmp");
            Files.writeString(tmp, id + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return id;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the engine's identity in " + file, e);
        }
    }

    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException e) {
            return "";
        }
    }

    private static void writePid(RootLayout root) throws IOException {
        Path tmp = root.pidFile().resolveSibling("cairn.pid.tmp");
        Files.writeString(tmp, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, root.pidFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void release(RootLayout root, RootLock lock) {
        try {
            Files.deleteIfExists(root.pidFile());
            Files.deleteIfExists(root.socket());
            lock.close();
        } catch (IOException e) {
            LOG.warning("cleaning up " + root.dir() + ": " + e);
        }
    }

    /**
     * The pipeline thread failed with an error it cannot recover from (out of memory, a SIGBUS on
     * the journal's mapping): the engine's state is unknown, so the daemon stops rather than go on.
     * The journal is the truth, so stopping is safe: the next start recovers from it. The shutdown
     * hook stops cleanly; if it cannot finish (the error strikes again), the process halts anyway.
     */
    private static void halt(Throwable reason) {
        System.err.println("Error: the engine halted: the pipeline thread failed with " + reason
                + "; the daemon exits (status " + EXIT_HALTED + ") and the next start recovers from the journal");
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Runtime.getRuntime().halt(EXIT_HALTED);
        }, "cairn-halt-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        System.exit(EXIT_HALTED);
    }

    /** This process's umask, from /proc/self/status (Linux 4.7+); -1 when it does not say. */
    static int umask() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Umask:")) {
                    return Integer.parseInt(line.substring(6).strip(), 8);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through: unknown
        }
        return -1;
    }

    private static int uid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            return -1;
        }
    }

    private static String osName() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring(12).replace("\"", "");
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return System.getProperty("os.name");
    }

    private static long memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall through
        }
        return 0;
    }
}
