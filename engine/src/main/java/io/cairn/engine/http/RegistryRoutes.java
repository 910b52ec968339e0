package io.cairn.engine.http;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.Engine;
import io.cairn.engine.image.ImagePuller;
import io.cairn.engine.image.oci.Platform;
import io.cairn.engine.registry.Credentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry side of the image endpoints: {@code POST /images/create?fromImage=} (pull; without a
 * tag, every tag as in Docker) streams
 * Docker's JSON progress messages; the client's credentials come in {@code X-Registry-Auth} and go
 * no further than the registry.
 */
final class RegistryRoutes {

    private RegistryRoutes() {
    }

    /**
     * {@code docker pull}: streams progress from its first line on; a failure before that line (an
     * unknown tag, a refused login, an unreachable registry) is answered with its status, as dockerd
     * answers before its stream is flushed, and one after it ends the stream with its error line.
     */
    static void pull(Engine engine, Exchange x, String fromImage) {
        Optional<Platform> platform = platform(x.param("platform"));
        Credentials credentials = Credentials.fromHeader(x.request().getHeaders().get("X-Registry-Auth"));
        String tag = x.param("tag");
        x.follow("pull", false, f -> {
            java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.function.Consumer<ImagePuller.Progress> progress = p -> {
                if (started.compareAndSet(false, true)) {
                    f.startStream();
                }
                f.streamLine(line(p));
            };
            try {
                if (allTags(fromImage, tag)) {
                    engine.puller().pullAll(fromImage, platform, credentials, progress, f.uid());
                } else {
                    engine.puller().pull(fromImage, tag, platform, credentials, progress, f.uid());
                }
            } catch (RuntimeException e) {
                if (!started.get()) {
                    throw e;
                }
                f.streamLine(Failures.streamLine(Failures.report(e, "POST /images/create?fromImage=" + fromImage)));
            }
            f.write(new byte[0], true);
        });
    }

    /**
     * Docker's rule: a {@code fromImage} that names only a repository, with no {@code tag}, pulls
     * every tag (what {@code docker pull -a} sends); clients that want {@code latest} say so.
     */
    static boolean allTags(String fromImage, String tag) {
        if (tag != null && !tag.isEmpty()) {
            return false;
        }
        String last = fromImage.substring(fromImage.lastIndexOf('/') + 1);
        return !last.contains(":") && !last.contains("@");
    }

    /** {@code docker login}'s check: {@code POST /auth} with an AuthConfig body; the credentials are not kept. */
    static void auth(Engine engine, Exchange x) {
        byte[] body = x.bodyBytes("auth");
        Credentials credentials = Credentials.fromJson(body, "auth");
        String server;
        try {
            server = io.cairn.engine.json.Mappers.STRICT.readTree(body).path("serveraddress").asText("");
        } catch (java.io.IOException e) {
            throw new InvalidArgumentException("auth: not a JSON object");
        }
        engine.puller().login(server, credentials);
        x.json(200, Map.of("Status", "Login Succeeded", "IdentityToken", ""));
    }

    /**
     * {@code docker push}: answers 200 and streams progress, ending with Docker's aux digest message
     * (one per tag: a name without a tag pushes every local tag, as Docker does).
     */
    static void push(Engine engine, Exchange x, String name) {
        Credentials credentials = Credentials.fromHeader(x.request().getHeaders().get("X-Registry-Auth"));
        String tag = x.param("tag");
        String compression = x.param("compression") == null || x.param("compression").isEmpty() ? "gzip"
                : x.param("compression");
        x.follow("push", false, f -> {
            f.startStream();
            try {
                var results = allTags(name, tag)
                        ? engine.pusher().pushAll(name, compression, credentials, p -> f.streamLine(line(p)), f.uid())
                        : List.of(engine.pusher().push(name, tag, compression, credentials, p -> f.streamLine(line(p)), f.uid()));
                for (var result : results) {
                    f.streamLine(Map.of("progressDetail", Map.of(), "aux", Map.of("Tag", result.tag(), "Digest",
                            result.digest(), "Size", result.size())));
                }
            } catch (RuntimeException e) {
                f.streamLine(Failures.streamLine(Failures.report(e, "POST /images/" + name + "/push")));
            }
            f.write(new byte[0], true);
        });
    }

    /** Docker's progress message: status, id, and for byte counts progressDetail and a text bar. */
    static Map<String, Object> line(ImagePuller.Progress p) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("status", p.status());
        if (p.total() > 0) {
            line.put("progressDetail", Map.of("current", p.current(), "total", p.total()));
            line.put("progress", bar(p.current(), p.total()));
        } else if (p.id() != null) {
            line.put("progressDetail", Map.of());
        }
        if (p.id() != null) {
            line.put("id", p.id());
        }
        return line;
    }

    private static String bar(long current, long total) {
        int width = 50;
        int done = (int) Math.min(width, current * width / Math.max(1, total));
        return "[" + "=".repeat(Math.max(0, done - 1)) + (done > 0 ? ">" : "") + " ".repeat(width - done) + "] "
                + human(current) + "/" + human(total);
    }

    private static String human(long bytes) {
        if (bytes < 1000) {
            return bytes + "B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.3g%s", v, units[u]);
    }

    /** {@code os/arch[/variant]}, or empty for the host's. */
    static Optional<Platform> platform(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new InvalidArgumentException("invalid platform \"" + text + "\": expected os/arch[/variant]");
        }
        return Optional.of(new Platform(parts[1], parts[0], null, null, parts.length == 3 ? parts[2] : null, null));
    }
}
