package io.cairn.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.Engine;
import io.cairn.engine.container.ContainerOperations;
import io.cairn.engine.container.ContainerRecord;
import io.cairn.engine.container.ContainerService;
import io.cairn.engine.runtime.cgroup.CgroupSample;
import java.util.List;
import java.util.Map;

/** Docker's pause, unpause, rename, restart, update, top and stats endpoints. */
final class ContainerControlRoutes {

    /** Docker's stats stream: one reading a second. */
    private static final long INTERVAL_MILLIS = 1000;

    private ContainerControlRoutes() {
    }

    static List<Route> routes(Engine engine) {
        ContainerService containers = engine.containers();
        ContainerOperations ops = containers.operations();
        return List.of(
                Route.of("POST", "/containers/{id}/pause", x -> {
                    ops.pause(x.path(0), x.uid());
                    x.noContent();
                }),
                Route.of("POST", "/containers/{id}/unpause", x -> {
                    ops.unpause(x.path(0), x.uid());
                    x.noContent();
                }),
                Route.of("POST", "/containers/{id}/rename", x -> {
                    ops.rename(x.path(0), x.param("name"), x.uid());
                    x.noContent();
                }),
                Route.of("POST", "/containers/{id}/restart", x -> {
                    ops.restart(x.path(0), (int) x.longParam("t", 10), x.uid());
                    x.noContent();
                }),
                Route.of("POST", "/containers/{id}/update", x -> {
                    JsonNode body = x.body(JsonNode.class, "container update");
                    ops.update(x.path(0), current -> ResourceParsing.update(body, current),
                            ResourceParsing.restartPolicy(body), x.uid());
                    x.json(200, Map.of("Warnings", List.of()));
                }),
                Route.of("GET", "/containers/{id}/top", x -> {
                    ContainerOperations.Top top = ops.top(x.path(0), x.param("ps_args"));
                    x.json(200, Map.of("Titles", top.titles(), "Processes", top.processes()));
                }),
                Route.of("GET", "/containers/{id}/stats", x -> {
                    ContainerRecord c = containers.resolve(x.path(0)); // 404 before any stream
                    String stream = x.param("stream");
                    boolean streaming = stream == null || stream.isEmpty() || x.flag("stream");
                    if (!streaming) {
                        // Docker: without one-shot, two readings a second apart, so that CPU % has a base
                        CgroupSample first = x.flag("one-shot") ? null : ops.stats(c);
                        if (first != null && ops.runs(c.id())) {
                            sleep(INTERVAL_MILLIS);
                        }
                        x.json(200, StatsView.of(c, ops.stats(c), first));
                        return;
                    }
                    x.follow("stats", true, f -> {
                        f.startStream();
                        CgroupSample before = null;
                        while (true) {
                            CgroupSample now = ops.stats(c);
                            if (!f.streamLine(StatsView.of(c, now, before)) || !ops.runs(c.id())) {
                                break; // the client went, or the container stopped: the stream ends
                            }
                            before = now;
                            if (!pause(INTERVAL_MILLIS)) {
                                return; // interrupted: the client closed the connection
                            }
                        }
                        try {
                            f.write(new byte[0], true);
                        } catch (java.io.UncheckedIOException gone) {
                            // the client left as the stream ended
                        }
                    });
                }));
    }

    /** Sleeps; false when interrupted (a follower is interrupted when its client goes). */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.cairn.api.EngineFailureException("interrupted", e);
        }
    }
}
