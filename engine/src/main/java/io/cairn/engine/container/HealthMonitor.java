package io.cairn.engine.container;

import io.cairn.engine.event.Healthcheck;
import io.cairn.engine.runtime.ProcessProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

/**
 * Runs a running container's health check with Docker's rules: a probe every {@code Interval}
 * (default 30 s) killed after {@code Timeout} (30 s); exit 0 is healthy; {@code Retries} (3)
 * failures in a row make it unhealthy, except that failures within {@code StartPeriod} of the start
 * do not count. The verdict's changes go to {@code changed} (the service journals them); the failing
 * streak and the last five probes are this daemon's memory, shown by {@code inspect} as Docker's
 * {@code State.Health}.
 */
final class HealthMonitor {

    private static final Logger LOG = Logger.getLogger(HealthMonitor.class.getName());
    static final long DEFAULT_INTERVAL = 30_000_000_000L;
    static final long DEFAULT_TIMEOUT = 30_000_000_000L;
    static final int DEFAULT_RETRIES = 3;
    private static final int KEPT = 5;

    /** One probe, as Docker's {@code State.Health.Log} lists it. */
    record Probe(Instant start, Instant end, int exitCode, String output) {
    }

    /** What this daemon saw of a container's checks since its start. */
    record Seen(int failingStreak, List<Probe> log) {
    }

    /** The engine's exec, set once the engine has one ({@link #useProbe}); null before. */
    private volatile ProcessProbe probe;
    private final BiConsumer<String, String> changed;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "cairn-health");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();

    private final class Watch {
        final String id;
        final Healthcheck check;
        final long startedNanos;
        String verdict;
        int streak;
        final Deque<Probe> log = new ArrayDeque<>();
        ScheduledFuture<?> task;

        Watch(String id, Healthcheck check, String verdict) {
            this.id = id;
            this.check = check;
            this.verdict = verdict;
            this.startedNanos = System.nanoTime();
        }
    }

    /** @param changed hears (container id, new verdict) on every change of verdict */
    HealthMonitor(BiConsumer<String, String> changed) {
        this.changed = changed;
    }

    /** Probes run through {@code probe} from now on: the engine's exec, the one way into a running container. */
    void useProbe(ProcessProbe probe) {
        this.probe = probe;
    }

    /** Starts checking a container that runs; {@code verdict} is its indexed one. */
    void watch(String id, Healthcheck check, String verdict) {
        if (check == null || !check.enabled()) {
            return;
        }
        Watch w = new Watch(id, check, verdict);
        long interval = check.interval() > 0 ? check.interval() : DEFAULT_INTERVAL;
        w.task = timer.scheduleWithFixedDelay(() -> probeOnce(w), interval, interval, TimeUnit.NANOSECONDS);
        Watch previous = watches.put(id, w);
        if (previous != null) {
            previous.task.cancel(false);
        }
    }

    void unwatch(String id) {
        Watch w = watches.remove(id);
        if (w != null) {
            w.task.cancel(false);
        }
    }

    /** The failing streak and recent probes, empty when this daemon does not check the container. */
    Optional<Seen> seen(String id) {
        Watch w = watches.get(id);
        if (w == null) {
            return Optional.empty();
        }
        synchronized (w) {
            return Optional.of(new Seen(w.streak, new ArrayList<>(w.log)));
        }
    }

    private void probeOnce(Watch w) {
        List<String> test = w.check.test();
        List<String> argv = test.get(0).equals("CMD-SHELL") ? List.of("/bin/sh", "-c", test.get(1)) : test.subList(1, test.size());
        long timeout = w.check.timeout() > 0 ? w.check.timeout() : DEFAULT_TIMEOUT;
        Instant start = Instant.now();
        ProcessProbe.Result r;
        ProcessProbe runner = probe;
        try {
            if (runner == null) {
                throw new IllegalStateException("the engine has no exec yet");
            }
            r = runner.run(w.id, argv, Duration.ofNanos(timeout));
        } catch (IOException | RuntimeException e) {
            r = new ProcessProbe.Result(-1, "probe failed: " + e.getMessage());
        }
        String next;
        synchronized (w) {
            w.log.addLast(new Probe(start, Instant.now(), r.exitCode(), r.output()));
            while (w.log.size() > KEPT) {
                w.log.removeFirst();
            }
            int retries = w.check.retries() > 0 ? w.check.retries() : DEFAULT_RETRIES;
            boolean inStartPeriod = System.nanoTime() - w.startedNanos < w.check.startPeriod();
            if (r.exitCode() == 0) {
                w.streak = 0;
                next = "healthy";
            } else if (inStartPeriod) {
                next = w.verdict; // Docker: a failure while the container starts does not count
            } else {
                w.streak++;
                next = w.streak >= retries ? "unhealthy" : w.verdict;
            }
            if (next.equals(w.verdict)) {
                return;
            }
            w.verdict = next;
        }
        if (watches.get(w.id) == w) {
            changed.accept(w.id, next);
        }
    }
}
