package io.cairn.engine.http;

import io.cairn.engine.Engine;
import io.cairn.engine.container.ContainerArchive;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker's {@code /containers/{id}/archive} (GET, HEAD, PUT) and {@code /containers/{id}/export}. */
final class ContainerArchiveRoutes {

    static final String STAT_HEADER = "X-Docker-Container-Path-Stat";

    private ContainerArchiveRoutes() {
    }

    static List<Route> routes(Engine engine) {
        ContainerArchive archive = engine.containers().archive();
        return List.of(
                Route.of("HEAD", "/containers/{id}/archive", x -> {
                    x.header(STAT_HEADER, header(archive.stat(x.path(0), x.param("path"))));
                    x.send(200, "application/x-tar", new byte[0]);
                }),
                Route.of("GET", "/containers/{id}/archive", x -> {
                    engine.containers().resolve(x.path(0)); // 404 before the stream
                    x.follow("archive", true, f -> archive.get(f.path(0), f.param("path"),
                            st -> f.header(STAT_HEADER, header(st)), () -> f.responseStream("application/x-tar")));
                }),
                Route.of("PUT", "/containers/{id}/archive", x -> {
                    engine.containers().resolve(x.path(0));
                    // the body may be large and slow: read on a follower thread, never a request thread
                    x.upload("archive", f -> {
                        archive.put(f.path(0), f.param("path"), f.bodyStream(), f.flag("noOverwriteDirNonDir"),
                                f.flag("copyUIDGID"));
                        f.send(200, "text/plain", new byte[0]);
                    });
                }),
                Route.of("GET", "/containers/{id}/export", x -> {
                    engine.containers().resolve(x.path(0));
                    x.follow("export", true, f -> archive.export(f.path(0), f.responseStream("application/x-tar")));
                }));
    }

    /** Docker's header: base64 of {"name","size","mode","mtime","linkTarget"}. */
    static String header(ContainerArchive.PathStat st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", st.name());
        m.put("size", st.size());
        m.put("mode", st.mode());
        m.put("mtime", DateTimeFormatter.ISO_INSTANT.format(st.mtime()));
        m.put("linkTarget", st.linkTarget());
        return Base64.getEncoder().encodeToString(Json.write(m));
    }
}
