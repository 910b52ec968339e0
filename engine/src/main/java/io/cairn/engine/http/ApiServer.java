package io.cairn.engine.http;

import io.cairn.engine.Engine;
import io.cairn.api.EventMessage;
import io.cairn.api.VolumeCreateRequest;
import io.cairn.api.VolumeList;
import io.cairn.engine.feed.EventQuery;
import io.cairn.engine.runtime.RuntimeProbe;
import io.cairn.engine.volume.VolumeService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
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

    /** The oldest Docker API version Cairn answers, as dockerd 24 does. */
    public static final String MIN_API_VERSION = "1.24";

    static {
        // Jetty sizes its padding from the references per cache line; without this property it asks the
        // platform MBean server whether oops are compressed, and building that server is ~0.2 s of the
        // daemon's start. The daemon's heap (-Xmx256m) always has compressed oops: 64-byte lines / 4.
        if (System.getProperty("org.eclipse.jetty.util.referencesPerCacheLine") == null) {
            System.setProperty("org.eclipse.jetty.util.referencesPerCacheLine", "16");
        }
    }

    private final Server server;
    private final Followers followers;

    /**
     * @param maxFollowers how many followers ({@code GET /events}, {@code logs?follow=1}, {@code wait})
     *                     run at once; one more is answered 503. They run on threads of their own, so
     *                     the request threads stay free for short requests whatever they do.
     */
    public ApiServer(Engine engine, SystemInfoSource info, Path socket, int maxFollowers) {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("cairn-api");
        threads.setDaemon(true);
        this.server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        // image references hold slashes, which docker-java (Testcontainers) and the cli send encoded
        // (/images/host:5000%2Frepo:tag/json); dockerd's router decodes them, Jetty's default refuses
        // them as ambiguous (400). The routes see the decoded path; other ambiguities stay refused.
        http.setUriCompliance(UriCompliance.DEFAULT.with("docker-encoded-slash",
                UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
        // X-Registry-Config carries every credential the client has (RegistryAuths bounds it below this)
        http.setRequestHeaderSize(64 << 10);
        http.addCustomizer((request, headers) -> {
            // on every answer, as dockerd sends them: clients negotiate the version from any response
            headers.put("Api-Version", API_VERSION);
            headers.put("Docker-Experimental", "false");
            headers.put("Ostype", "linux");
            headers.put("Server", "Cairn/" + Engine.VERSION + " (linux)");
            return request;
        });
        UnixDomainServerConnector connector = new UnixDomainServerConnector(server, 1, 1,
                new BlankHostTolerantFactory(http));
        connector.setUnixDomainPath(socket);
        server.addConnector(connector);
        this.followers = new Followers(maxFollowers);
        server.setHandler(new ApiHandler(routes(engine, info, followers), followers));
    }

    /**
     * Binds the socket (replacing a stale one), then gives it mode 0660 and {@code group}, or keeps it
     * root's alone without one. The daemon's umask (077) makes the socket 0700 when bound, so it is
     * never open to other users, not even between the bind and the chmod.
     */
    public void start(Path socket, Optional<GroupPrincipal> group) throws Exception {
        Files.deleteIfExists(socket);
        server.start();
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        if (group.isPresent()) {
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(group.get());
        }
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            followers.close();
        }
    }

    /** {@code GET /version}: Docker's fields, and the engine as the one component, as the docker CLI prints it. */
    static Map<String, Object> version() {
        String arch = System.getProperty("os.arch");
        String kernel = System.getProperty("os.version");
        Map<String, Object> details = Map.of("ApiVersion", API_VERSION, "MinAPIVersion", MIN_API_VERSION,
                "Os", "linux", "Arch", arch, "KernelVersion", kernel, "GitCommit", "", "Experimental", "false",
                "GoVersion", "", "BuildTime", "");
        return Map.ofEntries(
                Map.entry("Platform", Map.of("Name", "Cairn Engine")),
                Map.entry("Components", List.of(Map.of("Name", "Engine", "Version", Engine.VERSION, "Details", details))),
                Map.entry("Version", Engine.VERSION), Map.entry("ApiVersion", API_VERSION),
                Map.entry("MinAPIVersion", MIN_API_VERSION), Map.entry("Os", "linux"), Map.entry("Arch", arch),
                Map.entry("KernelVersion", kernel), Map.entry("GitCommit", ""),
                Map.entry("GoVersion", "java " + Runtime.version().feature()), Map.entry("BuildTime", ""),
                Map.entry("Experimental", false));
    }

    /** Every route the daemon serves, in dispatch order; docs/API.md lists them (ApiDocTest keeps it so). */
    static List<Route> routes(Engine engine, SystemInfoSource info, Followers followers) {
        List<Route> routes = new java.util.ArrayList<>(coreRoutes(engine, info, followers));
        routes.addAll(ImageRoutes.routes(engine));
        routes.addAll(ContainerRoutes.routes(engine));
        routes.addAll(ContainerControlRoutes.routes(engine));
        routes.addAll(ContainerArchiveRoutes.routes(engine));
        routes.addAll(ExecRoutes.routes(engine));
        routes.addAll(NetworkRoutes.routes(engine));
        routes.addAll(BuildRoutes.routes(engine));
        return routes;
    }

    private static List<Route> coreRoutes(Engine engine, SystemInfoSource info, Followers followers) {
        VolumeService volumes = engine.volumes();
        return List.of(
                Route.of("GET", "/_ping", x -> {
                    x.header("Cache-Control", "no-cache, no-store, must-revalidate");
                    x.header("Pragma", "no-cache");
                    // the legacy builder's API (POST /build with a tar): BuildKit's session API is not served
                    x.header("Builder-Version", "1");
                    x.text(200, "OK");
                }),
                Route.of("GET", "/version", x -> x.json(200, version())),
                Route.of("GET", "/info", x -> x.json(200, info.get().withFollowers(followers.active("events"),
                        followers.active(), followers.max()))),
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
                    EventQuery query = new EventQuery(x.unixTime("since"), x.unixTime("until"), x.filters());
                    // not interrupted: the journal's reader must not be interrupted mid-read (an interrupt
                    // closes the file channels it maps); it polls open() between waits of 200 ms instead
                    x.follow("events", false, f -> {
                        f.startStream();
                        engine.events().stream(query, (EventMessage m) -> f.streamLine(m), f::open);
                        if (f.open()) {
                            f.write(new byte[0], true);
                        }
                    });
                }),
                Route.of("GET", "/system/df", x -> x.json(200, DiskUsageAnswer.of(engine, x.params("type")))),
                Route.of("GET", "/cairn/system/digest", x -> x.json(200, Map.of("Digest", engine.digest()))),
                Route.of("GET", "/cairn/system/check", x -> x.json(200, engine.check())),
                Route.of("GET", "/cairn/journal/verify", x -> x.json(200, engine.verifyJournal())),
                Route.of("POST", "/cairn/journal/rebuild", x -> x.json(200,
                        engine.rebuild(x.flag("force"), !x.flag("from-start")))),
                Route.of("POST", "/cairn/journal/snapshot", x -> x.json(200, engine.snapshot())),
                Route.of("GET", "/cairn/journal/snapshots", x -> x.json(200, engine.snapshots())),
                Route.of("GET", "/cairn/journal/dump", x -> {
                    long from = x.longParam("from", 1);
                    long to = x.longParam("to", Long.MAX_VALUE);
                    x.startStream();
                    engine.dump(from, to, x::streamLine);
                    x.write(new byte[0], true);
                }),
                Route.of("GET", "/cairn/runtime", x -> x.json(200, RuntimeProbe.probe("runc"))));
    }
}
