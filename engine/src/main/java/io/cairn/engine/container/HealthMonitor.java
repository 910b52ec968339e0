package io.cairn.engine.container;

import io.cairn.engine.event.Healthcheck;
import io.cairn.engine.runtime.ProcessProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Runs a running container's health check with Docker's rules: a probe every {@code Interval}
 * (default 30 s) killed after {@code Timeout} (30 s); exit 0 is healthy; {@code Retries} (3)
 * failures in a row make it unhealthy, except that failures within {@code StartPeriod} of the start
 * do not count. Every probe's result, with the streak it leaves and the verdict when it changed,
 * goes to {@code probed} (the service journals it: {@code container.health-probe}, and
 * {@code container.health-status} on a change), so the failing streak and the last five probes are
 * the index's, rebuilt by replay, as Docker's {@code State.Health} survives its restarts.
 */
final class HealthMonitor {

    private static final Logger LOG = Logger.getLogger(HealthMonitor.class.getName());
    static final long DEFAULT_INTERVAL = 30_000_000_000L;
    static final long DEFAULT_TIMEOUT = 30_000_000_000L;
    static final int DEFAULT_RETRIES = 3;

    /**
     * One probe's outcome: what ran, how it ended, the failing streak after it, and the new verdict
     * when it changed ({@code null} otherwise).
     */
    record Outcome(String id, String execId, List<String> argv, long startNanos, int exitCode, String output,
                   int failingStreak, String changedTo) {
    }

    /** The engine's exec, set once the engine has one ({@link #useProbe}); null before. */
    private volatile ProcessProbe probe;
    private final Consumer<Outcome> probed;
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
        ScheduledFuture<?> task;

        Watch(String id, Healthcheck check, String verdict, int streak) {
            this.id = id;
            this.check = check;
            this.verdict = verdict;
            this.streak = streak;
            this.startedNanos = System.nanoTime();
        }
    }

    /** @param probed hears every probe's outcome */
    HealthMonitor(Consumer<Outcome> probed) {
        this.probed = probed;
    }

    /** Probes run through {@code probe} from now on: the engine's exec, the one way into a running container. */
    void useProbe(ProcessProbe probe) {
        this.probe = probe;
    }

    /** Starts checking a container that runs; {@code verdict} and {@code streak} are its indexed ones. */
    void watch(String id, Healthcheck check, String verdict, int streak) {
        if (check == null || !check.enabled()) {
            return;
        }
        Watch w = new Watch(id, check, verdict, streak);
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

    private void probeOnce(Watch w) {
        List<String> test = w.check.test();
        List<String> argv = test.get(0).equals("CMD-SHELL") ? List.of("/bin/sh", "-c", test.get(1)) : test.subList(1, test.size());
        long timeout = w.check.timeout() > 0 ? w.check.timeout() : DEFAULT_TIMEOUT;
        long start = System.currentTimeMillis() * 1_000_000L;
        ProcessProbe.Result r;
        ProcessProbe runner = probe;
        try {
            if (runner == null) {
                throw new IllegalStateException("the engine has no exec yet");
            }
            r = runner.run(w.id, argv, Duration.ofNanos(timeout));
        } catch (IOException | RuntimeException e) {
            r = new ProcessProbe.Result(-1, "probe failed: " + e.getMessage(), "");
        }
        Outcome outcome;
        synchronized (w) {
            int retries = w.check.retries() > 0 ? w.check.retries() : DEFAULT_RETRIES;
            boolean inStartPeriod = System.nanoTime() - w.startedNanos < w.check.startPeriod();
            String next;
            if (r.exitCode() == 0) {
                w.streak = 0;
                next = "healthy";
            } else if (inStartPeriod) {
                next = w.verdict; // Docker: a failure while the container starts does not count
            } else {
                w.streak++;
                next = w.streak >= retries ? "unhealthy" : w.verdict;
            }
            String changedTo = next.equals(w.verdict) ? null : next;
            w.verdict = next;
            outcome = new Outcome(w.id, r.execId(), argv, start, r.exitCode(), cut(r.output()), w.streak, changedTo);
        }
        if (watches.get(w.id) == w) {
            probed.accept(outcome);
        }
    }

    /** At most Docker's 4,096 bytes of output (UTF-8), never a split character. */
    static String cut(String output) {
        byte[] bytes = output.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= io.cairn.engine.event.ContainerHealthProbed.MAX_OUTPUT) {
            return output;
        }
        java.nio.charset.CharsetDecoder d = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.IGNORE);
        try {
            return d.decode(java.nio.ByteBuffer.wrap(bytes, 0, io.cairn.engine.event.ContainerHealthProbed.MAX_OUTPUT))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return "";
        }
    }
}
