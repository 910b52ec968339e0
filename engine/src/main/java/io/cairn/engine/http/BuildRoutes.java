package io.cairn.engine.http;

import io.cairn.engine.json.Mappers;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.Engine;
import io.cairn.engine.build.BuildListener;
import io.cairn.engine.build.BuildRequest;
import io.cairn.engine.build.BuildService;
import io.cairn.engine.build.ContextArchive;
import io.cairn.engine.build.cache.CacheRecord;
import io.cairn.engine.registry.RegistryAuths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /build} with Docker's query parameters ({@code t}, {@code dockerfile},
 * {@code buildargs}, {@code target}, {@code nocache}, {@code networkmode}, {@code labels}, and Cairn's
 * {@code allow}, repeated, as {@code docker buildx build --allow}), and Docker's {@code X-Registry-Config}
 * header: the credentials a {@code FROM} image's pull uses (see {@link RegistryAuths}). The
 * context comes one of two ways:
 * <ul>
 *   <li>as Docker's clients send it: a tar body (plain, gzip, bzip2, xz or zstd), with the
 *       Dockerfile at {@code dockerfile} inside it;</li>
 *   <li>Cairn's CLI: the Dockerfile as the body and the {@code context} parameter, the context
 *       directory's path on this host, read in place (client and daemon share the host, so the
 *       context is not tarred and sent). With secrets the body is {@value #SECRETS_BODY}; the
 *       {@code ssh} parameter gives agent sockets by id (a JSON object).</li>
 * </ul>
 * The answer streams JSON lines: {@code {"step":N,"state":"start|cached|log|done|error",...}} and
 * {@code {"warning":...}}, each also as Docker's {@code "stream"} text (what {@code --progress plain}
 * prints), then {@code {"aux":{"ID":"sha256:..."}}} or {@code {"error":...,"errorDetail":{"message":...,"kind":...}}}
 * (the kind: {@code build_failed} for a step that failed, see {@link Failures}).
 * {@code POST /build/prune} drops the build cache.
 */
final class BuildRoutes {

    private static final ObjectMapper JSON = Mappers.STRICT;

    private BuildRoutes() {
    }

    static List<Route> routes(Engine engine) {
        BuildService builds = engine.builds();
        return List.of(
                Route.of("POST", "/build", u -> u.upload("build", x -> {
                    ContextArchive archive = ARCHIVES.contains(x.contentType())
                            ? ContextArchive.unpack(x.bodyStream(), engine.root().tmp()) : null;
                    try {
                        BuildRequest request = request(x, archive);
                        x.startStream();
                        boolean quiet = x.flag("q");
                        StreamListener listener = new StreamListener(x, quiet);
                        try {
                            String id = builds.build(request, listener, x.uid());
                            listener.result(Map.of("aux", Map.of("ID", id)));
                            for (String line : finalLines(id, request.tags(), quiet)) {
                                listener.result(Map.of("stream", line));
                            }
                        } catch (RuntimeException | Error e) {
                            // the status line is sent: report in the stream, as Docker does. An Error too (a
                            // class the JVM cannot load: the jars were replaced under a running daemon): say
                            // so in the stream and the log rather than end the stream without a word
                            listener.result(Failures.streamLine(Failures.report(e, "POST /build")));
                        }
                        x.write(new byte[0], true);
                    } finally {
                        if (archive != null) {
                            archive.close();
                        }
                    }
                })),
                Route.of("POST", "/build/prune", x -> {
                    BuildService.Pruned pruned = builds.prune(x.uid());
                    List<String> deleted = new java.util.ArrayList<>(pruned.entries().stream().map(CacheRecord::key).toList());
                    deleted.addAll(pruned.cacheMounts());
                    x.json(200, Map.of("CachesDeleted", deleted, "SpaceReclaimed", pruned.bytes()));
                }));
    }

    /** The body with secrets: {@code {"dockerfile": TEXT, "secrets": {ID: BASE64}}}. */
    static final String SECRETS_BODY = "application/vnd.cairn.build+json";

    /** Media types of a context archive (Docker's clients send application/x-tar, compressed or not). */
    private static final java.util.Set<String> ARCHIVES = java.util.Set.of("application/x-tar", "application/tar",
            "application/gzip", "application/x-gzip", "application/x-bzip2", "application/x-xz", "application/zstd");

    private static BuildRequest request(Exchange x, ContextArchive archive) throws IOException {
        String dockerfile;
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        String name = x.param("dockerfile");
        if (archive != null) {
            if (x.param("context") != null) {
                throw new InvalidArgumentException("context: give either a context archive as the body or a directory,"
                        + " not both");
            }
            dockerfile = archive.dockerfile(name == null || name.isEmpty() ? "Dockerfile" : name);
        } else if (x.contentType().equals(SECRETS_BODY)) {
            JsonNode body;
            try {
                // read to the end: a body left unread makes the server close the connection under the client
                body = JSON.readTree(x.bodyBytes("build"));
            } catch (IOException e) {
                throw new InvalidArgumentException("build body: not JSON (" + SECRETS_BODY + "): " + e.getMessage());
            }
            if (body == null || !body.path("dockerfile").isTextual()) {
                throw new InvalidArgumentException("build body: field \"dockerfile\" must be the Dockerfile's text");
            }
            dockerfile = body.get("dockerfile").asText();
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) body.path("secrets")::fields) {
                try {
                    secrets.put(e.getKey(), Base64.getDecoder().decode(e.getValue().asText()));
                } catch (IllegalArgumentException bad) {
                    throw new InvalidArgumentException("build body: secrets." + e.getKey() + " is not base64");
                }
            }
        } else {
            dockerfile = new String(x.bodyBytes("build (Dockerfile)"), StandardCharsets.UTF_8);
        }
        String context = x.param("context");
        Optional<Path> dir = archive != null ? Optional.of(archive.dir())
                : context == null || context.isEmpty() ? Optional.empty() : Optional.of(Path.of(context));
        if (dir.isPresent() && !dir.get().isAbsolute()) {
            throw new InvalidArgumentException("context: must be an absolute path on the daemon's host, not " + context);
        }
        Map<String, Path> ssh = new LinkedHashMap<>();
        jsonMap(x.param("ssh"), "ssh").forEach((id, socket) -> {
            Path p = Path.of(socket);
            if (!p.isAbsolute() || !Files.exists(p)) {
                throw new InvalidArgumentException("ssh: agent socket " + socket + " of id " + id
                        + " does not exist on the daemon's host");
            }
            ssh.put(id, p);
        });
        String network = x.param("networkmode");
        return new BuildRequest(name == null || name.isEmpty() ? "Dockerfile" : name, dockerfile, dir, x.params("t"),
                jsonMap(x.param("buildargs"), "buildargs"), Optional.ofNullable(x.param("target")).filter(t -> !t.isEmpty()),
                x.flag("nocache"), network, Set.copyOf(x.params("allow")), jsonMap(x.param("labels"), "labels"),
                secrets, ssh, RegistryAuths.fromHeader(x.request().getHeaders().get("X-Registry-Config")));
    }

    private static Map<String, String> jsonMap(String raw, String what) {
        if (raw == null || raw.isBlank()) {
            return Map.of();
        }
        try {
            Map<String, String> m = JSON.readValue(raw, new TypeReference<LinkedHashMap<String, String>>() {
            });
            return m == null ? Map.of() : m;
        } catch (IOException e) {
            throw new InvalidArgumentException(what + ": not a JSON object of strings: " + raw);
        }
    }

    /**
     * What the legacy builder ends its stream with, which scripts grep for: with {@code q=1} the image
     * ID alone (the docker CLI prints the stream of a quiet build as it is), else
     * {@code Successfully built SHORT-ID} and a {@code Successfully tagged REF} per tag.
     */
    static List<String> finalLines(String id, List<String> tags, boolean quiet) {
        if (quiet) {
            return List.of(id + "\n");
        }
        List<String> lines = new java.util.ArrayList<>();
        String hex = id.startsWith("sha256:") ? id.substring("sha256:".length()) : id;
        lines.add("Successfully built " + hex.substring(0, Math.min(12, hex.length())) + "\n");
        for (String tag : tags) {
            String name = tag.substring(tag.lastIndexOf('/') + 1);
            lines.add("Successfully tagged " + (name.contains(":") || name.contains("@") ? tag : tag + ":latest") + "\n");
        }
        return lines;
    }

    /**
     * Streams progress as JSON lines; RUN output arrives from a log thread, hence the lock. A quiet
     * build ({@code q=1}) sends no progress: only its result, or its error.
     */
    private static final class StreamListener implements BuildListener {
        private final Exchange x;
        private final boolean quiet;

        StreamListener(Exchange x, boolean quiet) {
            this.x = x;
            this.quiet = quiet;
        }

        synchronized void line(Object value) {
            if (!quiet) {
                x.streamLine(value);
            }
        }

        /** A line sent quiet or not: the result, or the error that ends the build. */
        synchronized void result(Object value) {
            x.streamLine(value);
        }

        // "stream" repeats each line as --progress plain prints it: Docker's clients print that field
        @Override
        public void started(int vertex, String name) {
            line(Map.of("step", vertex, "state", "start", "name", name, "stream", "#" + vertex + " " + name + "\n"));
        }

        @Override
        public void cached(int vertex) {
            line(Map.of("step", vertex, "state", "cached", "stream", "#" + vertex + " CACHED\n"));
        }

        @Override
        public void log(int vertex, double seconds, String text) {
            line(Map.of("step", vertex, "state", "log", "seconds", seconds, "line", text,
                    "stream", String.format(java.util.Locale.ROOT, "#%d %.3f %s%n", vertex, seconds, text)));
        }

        @Override
        public void done(int vertex, double seconds) {
            line(Map.of("step", vertex, "state", "done", "seconds", seconds,
                    "stream", String.format(java.util.Locale.ROOT, "#%d DONE %.1fs%n", vertex, seconds)));
        }

        @Override
        public void failed(int vertex, String message) {
            line(Map.of("step", vertex, "state", "error", "message", String.valueOf(message),
                    "stream", "#" + vertex + " ERROR: " + message + "\n"));
        }

        @Override
        public void warning(String message) {
            line(Map.of("warning", message, "stream", "WARNING: " + message + "\n"));
        }
    }
}
