package io.cairn.engine;

import io.cairn.engine.runtime.ContainerRuntime;
import io.cairn.engine.runtime.RootfsMount;
import io.cairn.engine.runtime.RuntimeState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A runtime without runc for unit tests: a started container "runs" until the test ends it with
 * {@link #exit} or the engine kills it (exit code 128+signal, as conmon records it). Mounts are
 * directories; what the engine asked is recorded for the test to check.
 */
public final class FakeRuntime implements ContainerRuntime {

    private final Map<String, CompletableFuture<Integer>> runs = new ConcurrentHashMap<>();
    private final Set<Path> mounted = ConcurrentHashMap.newKeySet();
    /** Each create fails with this message while it is non-null (and consumes one of {@link #failures}). */
    private volatile String failCreate;
    private volatile int failures;
    /** Exit code of a process as soon as it starts, or null to keep it running. */
    private volatile Integer exitAtStart;
    public final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

    /** The next {@code times} creates fail with {@code message} (as runc's error output would read). */
    public void failCreates(int times, String message) {
        this.failures = times;
        this.failCreate = message;
    }

    /** Every process started from now on exits at once with {@code code}. */
    public void exitAtStart(Integer code) {
        this.exitAtStart = code;
    }

    /** Ends the running process of container {@code id} with {@code code}. */
    public void exit(String id, int code) {
        runs.get(id).complete(code);
    }

    public boolean isMounted(Path target) {
        return mounted.contains(target);
    }

    @Override
    public void mount(RootfsMount mount) throws IOException {
        Files.createDirectories(mount.target());
        mounted.add(mount.target());
    }

    @Override
    public void unmount(Path target) {
        mounted.remove(target);
    }

    @Override
    public void create(String id, Path bundle, Path logFile, io.cairn.engine.runtime.ContainerStdio stdio, long logSizeMax)
            throws IOException {
        calls.add("create " + id);
        if (failCreate != null && failures-- > 0) {
            throw new IOException(failCreate);
        }
        runs.put(id, new CompletableFuture<>());
    }

    @Override
    public void start(String id) {
        calls.add("start " + id);
        Integer code = exitAtStart;
        if (code != null) {
            runs.get(id).complete(code);
        }
    }

    @Override
    public RuntimeState state(String id) {
        CompletableFuture<Integer> run = runs.get(id);
        return run == null ? RuntimeState.missing() : new RuntimeState(run.isDone() ? "stopped" : "running", 0);
    }

    @Override
    public void kill(String id, int signal, boolean all) {
        calls.add("kill " + id + " " + signal);
        CompletableFuture<Integer> run = runs.get(id);
        if (run != null) {
            run.complete(128 + signal);
        }
    }

    @Override
    public void pause(String id) {
        calls.add("pause " + id);
    }

    @Override
    public void resume(String id) {
        calls.add("resume " + id);
    }

    @Override
    public void delete(String id) {
        runs.remove(id);
    }

    @Override
    public OptionalInt exitCode(String id) {
        CompletableFuture<Integer> run = runs.get(id);
        return run != null && run.isDone() ? OptionalInt.of(run.join()) : OptionalInt.empty();
    }

    @Override
    public OptionalInt awaitExit(String id, Duration timeout) throws IOException {
        CompletableFuture<Integer> run = runs.get(id);
        if (run == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(run.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    @Override
    public List<String> list() {
        return new ArrayList<>(runs.keySet());
    }

    @Override
    public String describe() {
        return "fake";
    }
}
