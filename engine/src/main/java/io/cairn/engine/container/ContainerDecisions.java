package io.cairn.engine.container;

import io.cairn.engine.event.MountSpec;
import io.cairn.engine.event.Resources;
import io.cairn.engine.event.ContainerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.ConflictException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.event.ContainerCreated;
import io.cairn.engine.event.ContainerDied;
import io.cairn.engine.event.ContainerOomKilled;
import io.cairn.engine.event.ContainerRemoved;
import io.cairn.engine.event.ContainerRestartScheduled;
import io.cairn.engine.event.ContainerStopRequested;
import io.cairn.engine.event.ContainerStarting;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Effect;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The deciding part of {@link ContainerService}: what a request resolves to (Docker's rules for
 * command, environment, mounts) and, from the state every earlier decision left, which events a
 * container operation journals or why it is refused. Pure: no runtime, no disk writes, no clock.
 */
final class ContainerDecisions {

    private static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ContainerDecisions() {
    }

    // ---- create

    /**
     * The mounts a create asks for, checked, plus an anonymous volume for each of the image's
     * VOLUMEs that no mount covers, as in Docker.
     */
    static List<MountSpec> mounts(CreateRequest request, JsonNode imageConfig) {
        List<MountSpec> mounts = new ArrayList<>(request.mounts() == null ? List.of() : request.mounts());
        for (MountSpec m : mounts) {
            if (!m.target().startsWith("/")) {
                throw new InvalidArgumentException("invalid mount target \"" + m.target() + "\": must be an absolute path");
            }
            if (m.type().equals("bind") && !Files.exists(Path.of(m.source()))) {
                throw new InvalidArgumentException("invalid mount config for type \"bind\": bind source path does not exist: "
                        + m.source());
            }
        }
        imageConfig.path("Volumes").fieldNames().forEachRemaining(path -> {
            if (mounts.stream().noneMatch(m -> m.target().equals(path))) {
                mounts.add(new MountSpec("volume", "", path, false, List.of()));
            }
        });
        return mounts;
    }

    /** Docker's rules: --entrypoint replaces the image's and drops its CMD; a given CMD replaces the image's. */
    static ContainerConfig resolveConfig(CreateRequest r, JsonNode image, String id, List<MountSpec> mounts) {
        List<String> entrypoint = r.entrypoint() != null ? r.entrypoint() : strings(image.path("Entrypoint"));
        List<String> cmd;
        if (r.cmd() != null && !r.cmd().isEmpty()) {
            cmd = r.cmd();
        } else if (r.entrypoint() != null) {
            cmd = List.of();
        } else {
            cmd = strings(image.path("Cmd"));
        }
        if (entrypoint.isEmpty() && cmd.isEmpty()) {
            throw new InvalidArgumentException("No command specified");
        }
        String hostname = r.hostname() == null || r.hostname().isEmpty() ? id.substring(0, 12) : r.hostname();
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : strings(image.path("Env"))) {
            putEnv(env, e);
        }
        env.putIfAbsent("PATH", DEFAULT_PATH);
        for (String e : r.env() == null ? List.<String>of() : r.env()) {
            putEnv(env, e);
        }
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        if (r.workingDir() != null && !r.workingDir().isEmpty() && !r.workingDir().startsWith("/")) {
            // Docker refuses it at create too; the runtime would resolve it against a directory of its own
            throw new InvalidArgumentException("the working directory '" + r.workingDir()
                    + "' is invalid, it needs to be an absolute path");
        }
        String workdir = r.workingDir() != null && !r.workingDir().isEmpty() ? r.workingDir()
                : image.path("WorkingDir").asText("");
        String user = r.user() != null && !r.user().isEmpty() ? r.user() : image.path("User").asText("");
        Map<String, String> labels = new LinkedHashMap<>();
        image.path("Labels").fields().forEachRemaining(l -> labels.put(l.getKey(), l.getValue().asText()));
        if (r.labels() != null) {
            labels.putAll(r.labels());
        }
        String network = r.network() == null || r.network().isEmpty() ? "default" : r.network();
        String stopSignal = r.stopSignal() != null && !r.stopSignal().isEmpty() ? r.stopSignal()
                : image.path("StopSignal").asText("SIGTERM");
        io.cairn.engine.runtime.spec.Signals.number(stopSignal); // refuse an unknown signal at create, as Docker does
        ContainerConfig config = new ContainerConfig(r.image(), entrypoint, cmd, envList, workdir.isEmpty() ? "/" : workdir,
                user, hostname, labels, mounts, r.readOnly(), network, list(r.capAdd()), list(r.capDrop()),
                r.privileged(), list(r.securityOpt()), stopSignal, r.autoRemove(),
                Resources.NONE, CreateSettings.resolve(r.settings(), image, r.autoRemove(), network),
                ContainerNetworking.options(r.net(), image));
        OciBundleWriter.SecurityOptions.parse(config.securityOpt()); // refuse bad options at create, as Docker does
        return config;
    }

    static ContainerConfig withMounts(ContainerConfig c, List<MountSpec> mounts) {
        return new ContainerConfig(c.image(), c.entrypoint(), c.cmd(), c.env(), c.workingDir(), c.user(), c.hostname(),
                c.labels(), mounts, c.readOnly(), c.network(), c.capAdd(), c.capDrop(), c.privileged(), c.securityOpt(),
                c.stopSignal(), c.autoRemove(), c.resources(), c.settings(), c.net());
    }

    /**
     * Journals the new container under its given name, or a generated one when {@code given} is
     * null; refused when the name is taken or the image went away since it was resolved.
     *
     * @param imageRef how the request named the image (for the error)
     */
    static Decision<String> create(StateReader s, String id, String given, String imageId, String imageRef,
                                   ContainerConfig config) {
        String name = given == null ? ContainerNames.unused(id, n -> s.get(Families.NAMES, n) != null) : given;
        byte[] taken = s.get(Families.NAMES, name);
        if (taken != null) {
            throw new ConflictException("Conflict. The container name \"/" + name + "\" is already in use by container \""
                    + new String(taken, StandardCharsets.UTF_8) + "\". You have to remove (or rename) that container"
                    + " to be able to reuse that name.");
        }
        if (s.get(Families.IMAGES, imageId) == null) {
            throw new NotFoundException("No such image: " + imageRef);
        }
        return Decision.of(id, new ContainerCreated(id, name, imageId, config));
    }

    // ---- start and the end of a run

    /**
     * The start of a container that is neither running nor starting journals
     * {@code container.starting} (result true: the caller runs it); otherwise nothing (false).
     */
    static Decision<Boolean> start(StateReader s, String id, String ref) {
        ContainerRecord now = s.read(Families.CONTAINERS, id, ContainerRecord.class);
        if (now == null) {
            throw new NotFoundException("No such container: " + ref);
        }
        if (now.running() || now.starting()) {
            return Decision.of(false);
        }
        return Decision.of(true, new ContainerStarting(id));
    }

    /** A start that did not get the process running: the starting container is exited with {@code code}. */
    static Decision<Void> failStart(StateReader s, String id, int code, String why) {
        ContainerRecord now = s.read(Families.CONTAINERS, id, ContainerRecord.class);
        return now != null && now.starting() ? Decision.of(null, new ContainerDied(id, code, why)) : Decision.of(null);
    }

    /** What the death of a running container leads to, once journaled. */
    enum AfterDeath { NOTHING, REMOVE, RESTART }

    /**
     * The outcome of {@link #died}.
     *
     * @param restartCount the restart count once the scheduled restart is made ({@link AfterDeath#RESTART})
     * @param delayMillis  the back-off before it
     */
    record Death(AfterDeath next, int restartCount, long delayMillis) {
        static final Death NOTHING = new Death(AfterDeath.NOTHING, 0, 0);
    }

    /**
     * The death of a running container, journaled once; with it, when its restart policy restarts
     * it, the scheduled restart (journaled in the same decision, so no crash can separate them).
     *
     * @param oomKilled   the OOM killer struck: journaled before the death ({@code State.OOMKilled}, the {@code oom} event)
     * @param delayMillis the back-off the restart waits, when there is one (the caller's clock)
     */
    static Decision<Death> died(StateReader s, String id, int code, String why, boolean oomKilled, long delayMillis) {
        ContainerRecord c = s.read(Families.CONTAINERS, id, ContainerRecord.class);
        if (c == null || !c.running()) {
            return Decision.of(Death.NOTHING);
        }
        List<io.cairn.engine.event.Event> events = new java.util.ArrayList<>();
        if (oomKilled) {
            events.add(new ContainerOomKilled(id));
        }
        events.add(new ContainerDied(id, code, why));
        if (RestartRules.restartsAfterExit(c.config().settings().restartPolicy(), code, c.restartCount(),
                c.manuallyStopped())) {
            int count = c.restartCount() + 1;
            events.add(new ContainerRestartScheduled(id, count, delayMillis));
            return Decision.of(new Death(AfterDeath.RESTART, count, delayMillis), events.toArray(new io.cairn.engine.event.Event[0]));
        }
        return Decision.of(c.config().autoRemove() ? new Death(AfterDeath.REMOVE, 0, 0) : Death.NOTHING,
                events.toArray(new io.cairn.engine.event.Event[0]));
    }

    /**
     * The start a scheduled restart makes, after its back-off: only if the container still waits
     * for that very restart (a user's stop, start or rm since then cancels it).
     */
    static Decision<Boolean> restartStart(StateReader s, String id, int restartCount) {
        ContainerRecord now = s.read(Families.CONTAINERS, id, ContainerRecord.class);
        if (now == null || !now.restarting() || now.restartCount() != restartCount) {
            return Decision.of(false);
        }
        return Decision.of(true, new ContainerStarting(id));
    }

    /** A new health verdict of a container that still runs (a probe may finish after its death). */
    /**
     * A health probe's outcome: journaled ({@code container.health-probe}) while the container still
     * runs, with the change of verdict it brings ({@code container.health-status}); nothing for a
     * container that stopped or went meanwhile.
     */
    static Decision<Void> healthProbed(StateReader s, HealthMonitor.Outcome o) {
        ContainerRecord now = s.read(Families.CONTAINERS, o.id(), ContainerRecord.class);
        if (now == null || !now.running()) {
            return Decision.of(null);
        }
        var probed = new io.cairn.engine.event.ContainerHealthProbed(o.id(), o.execId(), o.argv(), o.startNanos(),
                o.exitCode(), o.output(), o.failingStreak());
        if (o.changedTo() == null || now.health().equals(o.changedTo())) {
            return Decision.of(null, probed);
        }
        return Decision.of(null, probed, new io.cairn.engine.event.ContainerHealthChanged(o.id(), o.changedTo()));
    }

    /** A user's stop or kill, journaled before the signal: the restart policy holds off until the next start. */
    static Decision<Void> stopRequested(StateReader s, String id) {
        ContainerRecord now = s.read(Families.CONTAINERS, id, ContainerRecord.class);
        return now == null ? Decision.of(null) : Decision.of(null, new ContainerStopRequested(id));
    }

    // ---- remove

    /**
     * Journals the removal of a container that neither runs nor starts (it may have started since
     * the caller read it); {@code cleanup} frees its run and directory once the removal is indexed.
     */
    static Decision<Void> remove(StateReader s, String id, Effect.Action cleanup) {
        ContainerRecord now = s.read(Families.CONTAINERS, id, ContainerRecord.class);
        if (now == null) {
            return Decision.of(null);
        }
        if (now.running() || now.starting()) {
            throw new ConflictException(runningConflict(now));
        }
        return Decision.<Void>of(null, new ContainerRemoved(id)).then("container:" + id, cleanup);
    }

    static String runningConflict(ContainerRecord c) {
        return "cannot remove container \"/" + c.name() + "\": container is " + c.status()
                + ": stop the container before removing or force remove";
    }

    // ---- helpers

    /**
     * One environment entry, by Docker's rule (moby's ReplaceOrAppendEnvValues): {@code NAME=VALUE}
     * sets NAME, {@code NAME} alone unsets it. The daemon never reads its own environment for a
     * container: {@code -e NAME} is the client's to resolve, and it sends NAME alone only when it has
     * no such variable, exactly as Docker's CLI does.
     */
    private static void putEnv(Map<String, String> env, String entry) {
        int eq = entry.indexOf('=');
        if (eq == 0) {
            throw new InvalidArgumentException("invalid environment variable: " + entry);
        }
        if (eq < 0) {
            env.remove(entry);
            return;
        }
        env.put(entry.substring(0, eq), entry.substring(eq + 1));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> list(List<String> l) {
        return l == null ? List.of() : l;
    }
}
