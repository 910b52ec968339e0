package io.cairn.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.Engine;
import io.cairn.engine.exec.ExecRequest;
import io.cairn.engine.exec.ExecService;
import io.cairn.engine.exec.ExecSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/** Docker's exec endpoints: create, start (hijacked, or detached), resize, inspect. */
final class ExecRoutes {

    private static final Logger LOG = Logger.getLogger(ExecRoutes.class.getName());

    private ExecRoutes() {
    }

    static List<Route> routes(Engine engine) {
        ExecService execs = engine.execs();
        return List.of(
                Route.of("POST", "/containers/{id}/exec", x -> {
                    ExecRequest request = request(x.body(JsonNode.class, "exec create"));
                    x.json(201, Map.of("Id", execs.create(x.path(0), request, x.uid())));
                }),
                Route.of("POST", "/exec/{id}/start", x -> {
                    JsonNode body = x.body(JsonNode.class, "exec start");
                    ExecSession session = execs.startable(x.path(0));
                    if (body.path("Tty").asBoolean(false) != session.request().tty()) {
                        throw new InvalidArgumentException("exec start: Tty must be what the exec was created with ("
                                + session.request().tty() + ")");
                    }
                    int uid = x.uid();
                    if (body.path("Detach").asBoolean(false)) {
                        Thread t = new Thread(() -> {
                            try {
                                execs.start(session.id(), null, uid);
                            } catch (RuntimeException e) {
                                LOG.warning("detached exec " + session.id() + ": " + e.getMessage());
                            }
                        }, "cairn-exec-detached-" + session.id().substring(0, 12));
                        t.setDaemon(true);
                        t.start();
                        x.json(200, Map.of());
                        return;
                    }
                    x.hijack("exec", !session.request().tty(), stdio -> {
                        execs.start(session.id(), stdio, uid);
                        stdio.closeOutput();
                    });
                }),
                Route.of("POST", "/exec/{id}/resize", x -> {
                    execs.resize(x.path(0), new io.cairn.engine.stdio.TerminalSize(
                            (int) Math.min(x.longParam("h", 0), Integer.MAX_VALUE),
                            (int) Math.min(x.longParam("w", 0), Integer.MAX_VALUE)));
                    x.json(200, Map.of());
                }),
                Route.of("GET", "/exec/{id}/json", x -> x.json(200, inspect(execs.session(x.path(0))))));
    }

    /** Docker's ExecConfig. */
    static ExecRequest request(JsonNode b) {
        if (b.has("DetachKeys") && !b.path("DetachKeys").isTextual() && !b.path("DetachKeys").isNull()) {
            throw new InvalidArgumentException("exec: DetachKeys must be a string, not " + b.path("DetachKeys").getNodeType());
        }
        int[] console = CreateSettingsJson.consoleSize(b); // API 1.42's ConsoleSize: [height, width]
        return new ExecRequest(strings(b.path("Cmd")), strings(b.path("Env")), b.path("WorkingDir").asText(""),
                b.path("User").asText(""), b.path("Tty").asBoolean(false), b.path("AttachStdin").asBoolean(false),
                b.path("AttachStdout").asBoolean(false), b.path("AttachStderr").asBoolean(false),
                b.path("Privileged").asBoolean(false), b.path("DetachKeys").asText(""),
                console[0] > 0 ? new io.cairn.engine.stdio.TerminalSize(console[0], console[1]) : null);
    }

    private static List<String> strings(JsonNode n) {
        if (!n.isMissingNode() && !n.isNull() && !n.isArray()) {
            throw new InvalidArgumentException("exec: expected a list of strings, not " + n.getNodeType());
        }
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }

    /** Docker's ExecInspect. */
    static Map<String, Object> inspect(ExecSession s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ID", s.id());
        out.put("Running", s.running());
        out.put("ExitCode", s.exitCode().isPresent() ? (Object) s.exitCode().getAsInt() : null);
        Map<String, Object> process = new LinkedHashMap<>();
        ExecRequest r = s.request();
        process.put("tty", r.tty());
        process.put("entrypoint", r.cmd().get(0));
        process.put("arguments", r.cmd().subList(1, r.cmd().size()));
        process.put("privileged", r.privileged());
        process.put("user", r.user());
        out.put("ProcessConfig", process);
        out.put("OpenStdin", r.attachStdin());
        out.put("OpenStderr", r.attachStderr());
        out.put("OpenStdout", r.attachStdout());
        out.put("CanRemove", false);
        out.put("ContainerID", s.containerId());
        out.put("DetachKeys", r.detachKeys());
        out.put("Pid", s.pid());
        return out;
    }
}
