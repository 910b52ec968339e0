package io.cairn.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.Engine;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.container.ContainerRecord;
import io.cairn.engine.container.ContainerService;
import io.cairn.engine.container.CreateRequest;
import io.cairn.engine.event.MountSpec;
import io.cairn.engine.runtime.spec.Signals;
import io.cairn.engine.runtime.log.LogQuery;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Docker Engine API's container endpoints that Cairn has. */
final class ContainerRoutes {

    private ContainerRoutes() {
    }

    static List<Route> routes(Engine engine) {
        ContainerService containers = engine.containers();
        return List.of(
                Route.of("POST", "/containers/create", x -> {
                    CreateRequest request = createRequest(x.body(JsonNode.class, "container create"), x.param("name"));
                    x.json(201, Map.of("Id", containers.create(request, x.uid()), "Warnings", List.of()));
                }),
                Route.of("GET", "/containers/json", x -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    long limit = x.longParam("limit", -1);
                    // Docker: a positive limit shows the last created containers, whatever their state
                    for (ContainerRecord c : containers.list(x.flag("all") || limit > 0, x.filters())) {
                        if (limit > 0 && out.size() >= limit) {
                            break;
                        }
                        Map<String, Object> summary = summary(c);
                        summary.put("Ports", NetworkRoutes.summaryPorts(c, engine.networks()));
                        out.add(summary);
                    }
                    x.json(200, out);
                }),
                Route.of("POST", "/containers/prune", x -> x.json(200, Map.of(
                        "ContainersDeleted", containers.prune(x.filters(), x.uid()), "SpaceReclaimed", 0))),
                Route.of("GET", "/containers/{id}/json", x -> {
                    ContainerRecord c = containers.resolve(x.path(0));
                    Map<String, Object> out = inspect(c);
                    ContainerInspectSettings.health(c, out);
                    out.put("NetworkSettings", NetworkRoutes.settings(c, engine.networks()));
                    x.json(200, out);
                }),
                Route.of("POST", "/containers/{id}/start", x -> {
                    if (containers.start(x.path(0), x.uid())) {
                        x.noContent();
                    } else {
                        x.notModified(); // Docker: "container already started"
                    }
                }),
                Route.of("POST", "/containers/{id}/stop", x -> {
                    if (containers.stop(x.path(0), x.param("t") == null || x.param("t").isEmpty() ? null
                            : (int) x.longParam("t", 10), x.uid())) {
                        x.noContent();
                    } else {
                        x.notModified(); // Docker: "container already stopped"
                    }
                }),
                Route.of("POST", "/containers/{id}/kill", x -> {
                    String signal = x.param("signal");
                    containers.kill(x.path(0), Signals.number(signal == null ? "KILL" : signal), x.uid());
                    x.noContent();
                }),
                Route.of("GET", "/containers/{id}/logs", x -> {
                    boolean stdout = x.flag("stdout");
                    boolean stderr = x.flag("stderr");
                    if (!stdout && !stderr) {
                        throw new InvalidArgumentException("logs: you must choose at least one stream (stdout=1 and/or stderr=1)");
                    }
                    LogQuery query = logQuery(x);
                    boolean timestamps = x.flag("timestamps");
                    containers.resolve(x.path(0)); // 404 before the stream starts
                    Route.Handler send = f -> {
                        f.startRawStream("application/vnd.docker.raw-stream");
                        containers.logs(f.path(0), query, f.flag("follow"), e -> {
                            boolean err = e.stream() == io.cairn.engine.runtime.log.LogStream.STDERR;
                            if (err ? stderr : stdout) {
                                String text = (timestamps ? e.time() + " " : "") + e.text() + (e.complete() ? "\n" : "");
                                f.frame(err ? 2 : 1, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            }
                        });
                        f.write(new byte[0], true);
                    };
                    if (x.flag("follow")) {
                        x.follow("logs", true, send); // a closed client interrupts the follower's reads and sleeps
                    } else {
                        send.handle(x);
                    }
                }),
                Route.of("POST", "/containers/{id}/wait", x -> {
                    io.cairn.engine.container.WaitCondition condition =
                            io.cairn.engine.container.WaitCondition.parse(x.param("condition"));
                    // read now: next-exit means an exit after this request, even one before the follower runs
                    ContainerRecord seen = containers.resolve(x.path(0)); // 404 on the request thread
                    x.follow("wait", true, f -> {
                        // headers at once, as dockerd: the docker CLI waits for them before it starts the container
                        f.startRawStream("application/json");
                        int code = containers.await(seen, f.path(0), condition);
                        f.write(Json.write(Map.of("StatusCode", code)), true);
                    });
                }),
                Route.of("POST", "/containers/{id}/attach", x -> {
                    if (x.flag("logs")) {
                        throw new InvalidArgumentException("attach: logs=1 is not supported; use GET /containers/{id}/logs");
                    }
                    if (!x.flag("stream")) {
                        throw new InvalidArgumentException("attach: stream=1 is required (logs-only attach is not supported)");
                    }
                    boolean stdin = x.flag("stdin");
                    String keys = x.param("detachKeys");
                    ContainerRecord c = containers.attachable(x.path(0), stdin, keys);
                    boolean stdout = x.flag("stdout");
                    boolean stderr = x.flag("stderr");
                    x.hijack("attach", !c.config().tty(), stdio -> {
                        containers.attach(c.id(), stdin, stdout, stderr, keys, stdio);
                        stdio.closeOutput();
                    });
                }),
                Route.of("POST", "/containers/{id}/resize", x -> {
                    containers.resize(x.path(0), new io.cairn.engine.stdio.TerminalSize((int) Math.min(x.longParam("h", 0), Integer.MAX_VALUE),
                            (int) Math.min(x.longParam("w", 0), Integer.MAX_VALUE)));
                    x.json(200, Map.of());
                }),
                Route.of("GET", "/containers/{id}/changes", x -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    containers.diff(x.path(0)).forEach(c -> out.add(Map.of("Path", c.path(), "Kind", c.kind())));
                    x.json(200, out);
                }),
                Route.of("POST", "/commit", x -> {
                    String container = x.param("container");
                    if (container == null || container.isEmpty()) {
                        throw new InvalidArgumentException("commit: the container parameter is required");
                    }
                    String repo = x.param("repo");
                    String tag = x.param("tag");
                    java.util.Optional<String> ref = repo == null || repo.isEmpty() ? java.util.Optional.empty()
                            : java.util.Optional.of(tag == null || tag.isEmpty() ? repo : repo + ":" + tag);
                    String pause = x.param("pause");
                    String id = containers.commit(container, x.params("changes"), x.param("author"), x.param("comment"),
                            ref, pause == null || !(pause.equals("0") || pause.equalsIgnoreCase("false")), x.uid());
                    x.json(201, Map.of("Id", id));
                }),
                Route.of("DELETE", "/containers/{id}", x -> {
                    containers.remove(x.path(0), x.flag("force"), x.flag("v"), x.uid());
                    x.noContent();
                }));
    }

    /** Docker's {@code tail} (a count or {@code all}), {@code since} and {@code until} (Unix times). */
    private static LogQuery logQuery(Exchange x) {
        LogQuery query = LogQuery.all();
        String tail = x.param("tail");
        if (tail != null && !tail.isEmpty() && !tail.equals("all")) {
            long n = x.longParam("tail", 0);
            if (n < 0 || n > Integer.MAX_VALUE) {
                throw new InvalidArgumentException("query parameter tail: expected all or a number from 0, not " + tail);
            }
            query = query.tail((int) n);
        }
        Long since = x.unixTime("since");
        if (since != null && since != 0) {
            query = query.since(Instant.ofEpochSecond(0, since));
        }
        Long until = x.unixTime("until");
        if (until != null && until != 0) {
            query = query.until(Instant.ofEpochSecond(0, until));
        }
        return query;
    }

    /** Docker's create body: Image, Cmd, Entrypoint, Env, WorkingDir, User, Hostname, Labels, HostConfig{…}. */
    static CreateRequest createRequest(JsonNode b, String name) {
        if (!b.hasNonNull("Image") || b.path("Image").asText().isEmpty()) {
            throw new InvalidArgumentException("container create: field \"Image\" is required");
        }
        JsonNode host = b.path("HostConfig");
        List<MountSpec> mounts = new ArrayList<>();
        for (JsonNode bind : host.path("Binds")) {
            mounts.add(MountParsing.bind(bind.asText()));
        }
        for (JsonNode m : host.path("Mounts")) {
            List<String> options = new ArrayList<>();
            m.path("TmpfsOptions").path("Options").forEach(o -> options.add(o.asText()));
            if (m.path("TmpfsOptions").has("SizeBytes")) {
                options.add("size=" + m.path("TmpfsOptions").path("SizeBytes").asLong());
            }
            mounts.add(new MountSpec(m.path("Type").asText("volume"), m.path("Source").asText(""),
                    m.path("Target").asText(""), m.path("ReadOnly").asBoolean(false), options));
        }
        host.path("Tmpfs").fields().forEachRemaining(t -> mounts.add(new MountSpec("tmpfs", "", t.getKey(), false,
                t.getValue().asText().isEmpty() ? List.of() : List.of(t.getValue().asText().split(",")))));
        Map<String, String> labels = new LinkedHashMap<>();
        b.path("Labels").fields().forEachRemaining(l -> labels.put(l.getKey(), l.getValue().asText()));
        return new CreateRequest(b.path("Image").asText(), name, optionalStrings(b.get("Entrypoint")),
                optionalStrings(b.get("Cmd")), strings(b.path("Env")), b.path("WorkingDir").asText(""),
                b.path("User").asText(""), b.path("Hostname").asText(""), labels, mounts,
                host.path("ReadonlyRootfs").asBoolean(false), host.path("NetworkMode").asText("default"),
                strings(host.path("CapAdd")), strings(host.path("CapDrop")), host.path("Privileged").asBoolean(false),
                strings(host.path("SecurityOpt")), host.path("AutoRemove").asBoolean(false), ResourceParsing.of(host),
                b.path("StopSignal").asText(""), CreateSettingsJson.read(b),
                NetworkRoutes.createOptions(b), NetworkRoutes.endpointConfig(b).path("IPAMConfig").path("IPv4Address").asText(""),
                strings(NetworkRoutes.endpointConfig(b).path("Aliases")));
    }

    private static List<String> optionalStrings(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isTextual()) {
            return n.asText().isEmpty() ? List.of() : List.of(n.asText());
        }
        return strings(n);
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    static Map<String, Object> summary(ContainerRecord c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("Id", c.id());
        s.put("Names", List.of("/" + c.name()));
        s.put("Image", c.config().image());
        s.put("ImageID", c.imageId());
        s.put("Command", String.join(" ", c.config().argv()));
        s.put("Created", c.createdNanos() / 1_000_000_000L);
        s.put("State", c.dockerStatus());
        s.put("Status", status(c));
        s.put("Labels", c.config().labels());
        s.put("Mounts", mounts(c));
        return s;
    }

    /** Docker's human status: "Up 3 minutes", "Exited (0) 2 seconds ago", "Created". */
    static String status(ContainerRecord c) {
        long now = System.currentTimeMillis() / 1000;
        return switch (c.status()) {
            case "running" -> "Up " + io.cairn.api.HumanDuration.of(now - c.startedNanos() / 1_000_000_000L)
                    + (c.paused() ? " (Paused)" : switch (c.health()) {
                        case "" -> "";
                        case "starting" -> " (health: starting)";
                        default -> " (" + c.health() + ")";
                    });
            case "exited" -> "Exited (" + c.exitCode() + ") " + io.cairn.api.HumanDuration.of(now - c.finishedNanos() / 1_000_000_000L) + " ago";
            case "starting" -> "Starting";
            case "restarting" -> "Restarting (" + c.exitCode() + ") "
                    + io.cairn.api.HumanDuration.of(now - c.finishedNanos() / 1_000_000_000L) + " ago";
            default -> "Created";
        };
    }

    static Map<String, Object> inspect(ContainerRecord c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", c.id());
        out.put("Created", time(c.createdNanos()));
        out.put("Path", c.config().argv().isEmpty() ? "" : c.config().argv().get(0));
        out.put("Args", c.config().argv().size() > 1 ? c.config().argv().subList(1, c.config().argv().size()) : List.of());
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("Status", c.dockerStatus());
        st.put("Running", c.running() || c.restarting()); // Docker: a restarting container counts as running
        st.put("Paused", c.paused());
        st.put("Restarting", c.restarting());
        st.put("OOMKilled", c.oomKilled());
        st.put("Dead", false);
        st.put("Pid", c.pid());
        st.put("ExitCode", c.exitCode());
        st.put("Error", c.error());
        st.put("StartedAt", time(c.startedNanos()));
        st.put("FinishedAt", time(c.finishedNanos()));
        out.put("State", st);
        out.put("Image", c.imageId());
        out.put("RestartCount", c.restartCount());
        out.put("Name", "/" + c.name());
        out.put("Driver", "overlay");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("Hostname", c.config().hostname());
        config.put("User", c.config().user());
        config.put("Env", c.config().env());
        config.put("Cmd", c.config().cmd());
        config.put("Image", c.config().image());
        config.put("WorkingDir", c.config().workingDir());
        config.put("Entrypoint", c.config().entrypoint());
        config.put("Labels", c.config().labels());
        config.put("StopSignal", c.config().stopSignal());
        ContainerInspectSettings.config(c.config().settings(), config);
        // the image's EXPOSE, --expose and the published ports, as the network options hold them
        Map<String, Object> exposed = new LinkedHashMap<>();
        c.config().net().exposed().forEach(e -> exposed.put(e, Map.of()));
        config.put("ExposedPorts", exposed);
        out.put("Config", config);
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("NetworkMode", c.config().network());
        host.put("ReadonlyRootfs", c.config().readOnly());
        host.put("Privileged", c.config().privileged());
        host.put("CapAdd", c.config().capAdd());
        host.put("CapDrop", c.config().capDrop());
        host.put("SecurityOpt", c.config().securityOpt());
        host.put("AutoRemove", c.config().autoRemove());
        host.putAll(ResourceViews.hostConfig(c.config().resources()));
        ContainerInspectSettings.hostConfig(c.config().settings(), host);
        host.put("PublishAllPorts", c.config().net().publishAll());
        host.put("Dns", c.config().net().dns());
        host.put("DnsSearch", c.config().net().dnsSearch());
        host.put("ExtraHosts", c.config().net().extraHosts());
        Map<String, Object> bindings = new LinkedHashMap<>();
        for (io.cairn.engine.event.PortBinding p : c.config().net().ports()) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> l = (List<Map<String, String>>) bindings.computeIfAbsent(p.key(), k -> new ArrayList<>());
            l.add(Map.of("HostIp", p.hostIp(), "HostPort", p.hostPort() == 0 ? "" : Integer.toString(p.hostPort())));
        }
        host.put("PortBindings", bindings);
        out.put("HostConfig", host);
        out.put("Mounts", mounts(c));
        return out;
    }

    /** Docker's {@code MountPoint} list, as both inspect and the container summaries carry it. */
    static List<Map<String, Object>> mounts(ContainerRecord c) {
        List<Map<String, Object>> mounts = new ArrayList<>();
        for (MountSpec m : c.config().mounts()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("Type", m.type());
            if (m.type().equals("volume")) {
                mm.put("Name", m.source());
            }
            mm.put("Source", m.source());
            mm.put("Destination", m.target());
            mm.put("RW", !m.readOnly());
            mounts.add(mm);
        }
        return mounts;
    }

    private static String time(long nanos) {
        return nanos == 0 ? "0001-01-01T00:00:00Z" : DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(0, nanos));
    }
}
