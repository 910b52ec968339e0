package io.cairn.engine.container;

import io.cairn.api.ConflictException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.ContainerPaused;
import io.cairn.engine.event.ContainerRenamed;
import io.cairn.engine.event.ContainerRestarted;
import io.cairn.engine.event.ContainerUnpaused;
import io.cairn.engine.event.ContainerUpdated;
import io.cairn.engine.event.RestartPolicy;
import io.cairn.engine.event.Resources;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.runtime.cgroup.CgroupSample;
import io.cairn.engine.runtime.cgroup.CgroupStats;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What Docker does to a container besides create, start, stop and remove: {@code pause} and
 * {@code unpause} (the cgroup freezer), {@code rename}, {@code restart}, {@code update} of its
 * limits, and the read-only {@code top} and {@code stats}. Each state change is journaled after the
 * runtime did it, so the journal never claims a freeze or a limit the kernel refused.
 */
public final class ContainerOperations {

    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** {@code ps} answers at once; one that hangs (a stuck /proc read) must not hold the request. */
    private static final long PS_TIMEOUT_SECONDS = 10;

    private final ContainerService service;
    private final Pipeline pipeline;
    private final StateReader state;
    private final ContainerRunner runner;
    private final ContainerWaits waits;

    ContainerOperations(ContainerService service, Pipeline pipeline, StateReader state, ContainerRunner runner,
                        ContainerWaits waits) {
        this.service = service;
        this.pipeline = pipeline;
        this.state = state;
        this.runner = runner;
        this.waits = waits;
    }

    private ContainerRecord running(String ref) {
        ContainerRecord c = waits.settled(service.resolve(ref), SETTLE);
        if (!c.running()) {
            throw new ConflictException("Container " + c.id() + " is not running");
        }
        return c;
    }

    /** Docker's {@code pause}: every process of the running container is frozen. */
    public void pause(String ref, int uid) {
        ContainerRecord c = running(ref);
        if (c.paused()) {
            throw new ConflictException("Container " + c.id() + " is already paused");
        }
        runner.freeze(c.id(), true);
        pipeline.execute(s -> Decision.of(null, new ContainerPaused(c.id())), uid);
    }

    /** Docker's {@code unpause}. */
    public void unpause(String ref, int uid) {
        ContainerRecord c = running(ref);
        if (!c.paused()) {
            throw new ConflictException("Container " + c.id() + " is not paused");
        }
        runner.freeze(c.id(), false);
        pipeline.execute(s -> Decision.of(null, new ContainerUnpaused(c.id())), uid);
    }

    /**
     * After a signal to a paused container: it is thawed so that the signal is acted on (a frozen
     * process neither handles nor dies of one), as Docker's kill and stop do.
     */
    void thawAfterSignal(ContainerRecord c, int uid) {
        ContainerRecord now = state.read(Families.CONTAINERS, c.id(), ContainerRecord.class);
        if (now != null && now.running() && now.paused()) {
            runner.freeze(c.id(), false);
            pipeline.execute(s -> Decision.of(null, new ContainerUnpaused(c.id())), uid);
        }
    }

    /** Docker's {@code rename}; decided in the pipeline, so two renames to one name give one winner. */
    public void rename(String ref, String newName, int uid) {
        if (newName == null || newName.isEmpty()) {
            throw new InvalidArgumentException("rename: the new name is required");
        }
        String name = ContainerNames.check(newName.startsWith("/") ? newName.substring(1) : newName);
        String id = service.resolve(ref).id();
        pipeline.execute(s -> {
            ContainerRecord c = s.read(Families.CONTAINERS, id, ContainerRecord.class);
            if (c == null) {
                throw new io.cairn.api.NotFoundException("No such container: " + ref);
            }
            if (c.name().equals(name)) {
                throw new InvalidArgumentException("Renaming a container with the same name as its current name");
            }
            byte[] taken = s.get(Families.NAMES, name);
            if (taken != null) {
                throw new ConflictException("Conflict. The container name \"/" + name + "\" is already in use by"
                        + " container \"" + new String(taken, StandardCharsets.UTF_8) + "\". You have to remove (or"
                        + " rename) that container to be able to reuse that name.");
            }
            return Decision.of(null, new ContainerRenamed(id, c.name(), name));
        }, uid);
    }

    /** Docker's {@code restart}: stop (signal, then SIGKILL after {@code timeoutSeconds}) and start. */
    public void restart(String ref, int timeoutSeconds, int uid) {
        String id = service.resolve(ref).id();
        service.stop(id, timeoutSeconds, uid);
        service.start(id, uid);
        pipeline.execute(s -> Decision.of(null, new ContainerRestarted(id)), uid);
    }

    /**
     * Docker's {@code update}: new limits, checked as at create, applied at once to a running
     * container's cgroup ({@code runc update}), then journaled for every later start; and a new
     * restart policy ({@code null}: unchanged), which the next exit of the process obeys (the
     * policy is read from the index when the process ends, as after a daemon restart). A policy
     * other than {@code no} on an {@code --rm} container is refused, with Docker's words.
     */
    public void update(String ref, java.util.function.UnaryOperator<Resources> change, RestartPolicy policy, int uid) {
        ContainerRecord c = waits.settled(service.resolve(ref), SETTLE);
        RestartPolicy nextPolicy = null;
        if (policy != null) {
            if (c.config().autoRemove() && !policy.neverRestarts()) {
                throw new ConflictException("Cannot update container " + c.id()
                        + ": Restart policy cannot be updated because AutoRemove is enabled for the container");
            }
            nextPolicy = RestartRules.check(policy, false);
        }
        Resources next = ResourceLimits.check(change.apply(c.config().resources()));
        if (c.running() && !next.equals(c.config().resources())) {
            try {
                runner.update(c.id(), next);
            } catch (IOException e) {
                throw new InvalidArgumentException("Cannot update container " + c.id() + ": " + e.getMessage());
            }
        }
        RestartPolicy journaled = nextPolicy;
        pipeline.execute(s -> Decision.of(null, new ContainerUpdated(c.id(), next, journaled)), uid);
    }

    /** The cgroup counters of a running container, zeros for one that does not run. */
    public CgroupSample stats(ContainerRecord c) {
        ContainerRecord now = state.read(Families.CONTAINERS, c.id(), ContainerRecord.class);
        if (now == null || !now.running()) {
            return CgroupSample.zero(System.currentTimeMillis() * 1_000_000L);
        }
        return CgroupStats.read(runner.cgroup(c.id()));
    }

    /** Whether the container still runs (a stats stream ends when it does not). */
    public boolean runs(String id) {
        ContainerRecord now = state.read(Families.CONTAINERS, id, ContainerRecord.class);
        return now != null && now.running();
    }

    /** {@code top}'s answer: {@code ps}'s column titles and the rows of the container's processes. */
    public record Top(List<String> titles, List<List<String>> processes) {
    }

    /**
     * Docker's {@code top}: the host's {@code ps} with {@code psArgs} (default {@code -ef}), keeping
     * the rows whose PID is in the container's cgroup.
     */
    public Top top(String ref, String psArgs) {
        ContainerRecord c = running(ref);
        Set<Long> pids = new HashSet<>(runner.cgroup(c.id()).pids());
        String args = psArgs == null || psArgs.isBlank() ? "-ef" : psArgs;
        List<String> command = new ArrayList<>(List.of("ps"));
        command.addAll(Arrays.asList(args.strip().split("\\s+")));
        String output;
        try {
            Process ps = new ProcessBuilder(command).redirectErrorStream(true).start();
            ps.getOutputStream().close();
            byte[] bytes = ps.getInputStream().readAllBytes();
            if (!ps.waitFor(PS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                ps.destroyForcibly();
                throw new EngineFailureException("top: ps did not answer in " + PS_TIMEOUT_SECONDS + " s");
            }
            output = new String(bytes, StandardCharsets.UTF_8);
            if (ps.exitValue() != 0) {
                throw new InvalidArgumentException("top: ps " + args + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new EngineFailureException("top: cannot run ps: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineFailureException("top: interrupted", e);
        }
        return parsePs(output, pids);
    }

    /** Docker's parsing: titles from the first line, the last column takes the rest of each row. */
    static Top parsePs(String output, Set<Long> pids) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new InvalidArgumentException("top: ps printed nothing");
        }
        List<String> titles = Arrays.asList(lines.get(0).strip().split("\\s+"));
        int pidColumn = titles.indexOf("PID");
        if (pidColumn < 0) {
            throw new InvalidArgumentException("Couldn't find PID field in ps output");
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length <= pidColumn) {
                continue;
            }
            long pid;
            try {
                pid = Long.parseLong(fields[pidColumn]);
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("Unexpected pid '" + fields[pidColumn] + "' in ps output");
            }
            if (!pids.contains(pid)) {
                continue;
            }
            List<String> row = new ArrayList<>(Arrays.asList(fields).subList(0, Math.min(fields.length, titles.size() - 1)));
            if (fields.length >= titles.size()) {
                row.add(String.join(" ", Arrays.asList(fields).subList(titles.size() - 1, fields.length)));
            }
            rows.add(row);
        }
        return new Top(titles, rows);
    }
}
