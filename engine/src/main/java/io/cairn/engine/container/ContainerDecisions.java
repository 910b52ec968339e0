package io.cairn.engine.container;

import io.cairn.engine.event.MountSpec;
import io.cairn.engine.event.ContainerConfig;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.ConflictException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.event.ContainerCreated;
import io.cairn.engine.event.ContainerDied;
import io.cairn.engine.event.ContainerRemoved;
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
        ContainerConfig config = new ContainerConfig(r.image(), entrypoint, cmd, envList, workdir.isEmpty() ? "/" : workdir,
                user, hostname, labels, mounts, r.readOnly(), network, list(r.capAdd()), list(r.capDrop()),
                r.privileged(), list(r.securityOpt()), image.path("StopSignal").asText("SIGTERM"), r.autoRemove(),
                ContainerNetworking.options(r.net(), image));
        OciBundleWriter.SecurityOptions.parse(config.securityOpt()); // refuse bad options at create, as Docker does
        return config;
    }

    static ContainerConfig withMounts(ContainerConfig c, List<MountSpec> mounts) {
        return new ContainerConfig(c.image(), c.entrypoint(), c.cmd(), c.env(), c.workingDir(), c.user(), c.hostname(),
                c.labels(), mounts, c.readOnly(), c.network(), c.capAdd(), c.capDrop(), c.privileged(), c.securityOpt(),
                c.stopSignal(), c.autoRemove(), c.net());
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

    /**
     * The death of a running container, journaled once.
     *
     * @return true when the death was journaled and the container is {@code --rm}: the caller removes it
     */
    static Decision<Boolean> died(StateReader s, String id, int code, String why) {
        ContainerRecord c = s.read(Families.CONTAINERS, id, ContainerRecord.class);
        if (c == null || !c.running()) {
            return Decision.of(false);
        }
        return Decision.of(c.config().autoRemove(), new ContainerDied(id, code, why));
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
