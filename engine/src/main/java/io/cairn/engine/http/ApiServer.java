package io.cairn.engine.http;

import io.cairn.engine.Engine;
import io.cairn.engine.api.EventMessage;
import io.cairn.engine.api.InvalidArgumentException;
import io.cairn.engine.api.VolumeCreateRequest;
import io.cairn.engine.api.VolumeList;
import io.cairn.engine.events.EventQuery;
import io.cairn.engine.runtime.RuntimeProbe;
import io.cairn.engine.volume.VolumeService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.unixdomain.server.UnixDomainServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The daemon's HTTP API on {@code <root>/cairn.sock}: the Docker Engine API's paths and field names
 * where Cairn has the feature, and {@code /cairn/…} for what Docker lacks (journal, digest, check).
 */
public final class ApiServer implements AutoCloseable {

    /** The Docker API version whose shapes Cairn follows; the docker CLI negotiates from it. */
    public static final String API_VERSION = "1.43";

    private final Server server;

    public ApiServer(Engine engine, SystemInfoSource info, Path socket) {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("cairn-api");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.addCustomizer((request, headers) -> {
            headers.put("Api-Version", API_VERSION);
            headers.put("Server", "Cairn/" + Engine.VERSION);
            return request;
        });
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server, 1, 1,
                new HttpConnectionFactory(http));
        connector.setUnixDomainPath(socket);
        server.addConnector(connector);
        server.setHandler(new ApiHandler(routes(engine, info)));
    }

    /** Binds the socket (replacing a stale one) and restricts it to root and the {@code cairn} group. */
    public void start(Path socket) throws Exception {
        Files.deleteIfExists(socket);
        server.start();
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        try {
            GroupPrincipal group = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("cairn");
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group);
        } catch (UserPrincipalNotFoundException noGroup) {
            // no cairn group: root only, as CLI.md says
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    private static List<Route> routes(Engine engine, SystemInfoSource info) {
        List<Route> routes = new java.util.ArrayList<>(coreRoutes(engine, info));
        routes.addAll(ImageRoutes.routes(engine));
        routes.addAll(ContainerRoutes.routes(engine));
        routes.addAll(BuildRoutes.routes(engine));
        return routes;
    }

    private static List<Route> coreRoutes(Engine engine, SystemInfoSource info) {
        VolumeService volumes = engine.volumes();
        return List.of(
                Route.of("GET", "/_ping", x -> {
                    x.header("Cache-Control", "no-cache, no-store, must-revalidate");
                    x.text(200, "OK");
                }),
                Route.of("GET", "/version", x -> x.json(200, Map.of(
                        "Version", Engine.VERSION, "ApiVersion", API_VERSION, "MinAPIVersion", "1.24",
                        "Os", "linux", "Arch", System.getProperty("os.arch"),
                        "KernelVersion", System.getProperty("os.version")))),
                Route.of("GET", "/info", x -> x.json(200, info.get())),
                Route.of("POST", "/volumes/create", x -> x.json(201,
                        volumes.create(x.body(VolumeCreateRequest.class, "volume create"), x.uid()))),
                Route.of("GET", "/volumes", x -> x.json(200, new VolumeList(volumes.list(x.filters()), List.of()))),
                Route.of("POST", "/volumes/prune", x -> x.json(200, volumes.prune(x.filters(), x.uid()))),
                Route.of("GET", "/volumes/{name}", x -> x.json(200, volumes.inspect(x.path(0)))),
                Route.of("DELETE", "/volumes/{name}", x -> {
                    volumes.remove(x.path(0), x.flag("force"), x.uid());
                    x.noContent();
                }),
                Route.of("GET", "/events", x -> {
                    EventQuery query = new EventQuery(time(x, "since"), time(x, "until"), x.filters());
                    x.startStream();
                    engine.events().stream(query, (EventMessage m) -> x.streamLine(m), () -> true);
                    x.write(new byte[0], true);
                }),
                Route.of("GET", "/system/df", x -> x.json(200, engine.diskUsage())),
                Route.of("GET", "/cairn/system/digest", x -> x.json(200, Map.of("Digest", engine.digest()))),
                Route.of("GET", "/cairn/system/check", x -> x.json(200, engine.check())),
                Route.of("GET", "/cairn/journal/verify", x -> x.json(200, engine.verifyJournal())),
                Route.of("POST", "/cairn/journal/rebuild", x -> x.json(200, engine.rebuild(x.flag("force")))),
                Route.of("GET", "/cairn/journal/dump", x -> {
                    long from = x.longParam("from", 1);
                    long to = x.longParam("to", Long.MAX_VALUE);
                    x.startStream();
                    engine.dump(from, to, x::streamLine);
                    x.write(new byte[0], true);
                }),
                Route.of("GET", "/cairn/runtime", x -> x.json(200, RuntimeProbe.probe("runc"))));
    }

    /** Docker's since/until: Unix seconds with an optional fraction. */
    private static Long time(Exchange x, String name) {
        String v = x.param(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return new java.math.BigDecimal(v).movePointRight(9).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new InvalidArgumentException("query parameter " + name + ": not a Unix time: " + v);
        }
    }

}
