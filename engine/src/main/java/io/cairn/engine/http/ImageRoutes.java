package io.cairn.engine.http;

import io.cairn.engine.Engine;
import io.cairn.api.Filters;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.image.ConfigChanges;
import io.cairn.engine.image.ImageImporter;
import io.cairn.engine.image.ImageLoader;
import io.cairn.engine.image.ImageSaver;
import io.cairn.engine.image.ImageService;
import io.cairn.engine.image.archive.SavedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Docker Engine API's image endpoints that Cairn has, and {@code /cairn/images/…/verify}. */
final class ImageRoutes {

    private ImageRoutes() {
    }

    static List<Route> routes(Engine engine) {
        ImageService images = engine.images();
        ImageImporter importer = new ImageImporter(images, engine.root().tmp());
        ImageLoader loader = new ImageLoader(images, engine.root().tmp());
        ImageSaver saver = new ImageSaver(images);
        return List.of(
                Route.of("POST", "/images/load", u -> u.upload("load", x -> {
                    // application/json, as dockerd labels this stream: the docker CLI renders a JSON
                    // stream as progress and messages, and prints any other type raw
                    x.startRawStream("application/json");
                    boolean quiet = x.flag("quiet");
                    try {
                        List<String> loaded = loader.load(x.bodyStream(), step -> {
                            if (step.total() > 0 && !quiet) {
                                x.streamLine(Map.of("status", step.status(), "id", step.id(),
                                        "progressDetail", Map.of("current", step.current(), "total", step.total())));
                            }
                        }, x.uid());
                        for (String line : loaded) {
                            x.streamLine(Map.of("stream", line + "\n"));
                        }
                    } catch (RuntimeException e) {
                        // the status line is sent: report the error in the stream, as Docker does
                        x.streamLine(Failures.streamLine(Failures.report(e, "POST /images/load")));
                    }
                    x.write(new byte[0], true);
                })),
                Route.of("GET", "/images/get", x -> {
                    List<SavedImage> saved = saver.resolve(x.params("names"));
                    try (var out = x.responseStream("application/x-tar")) {
                        saver.write(saved, out, n -> { });
                    }
                }),
                Route.of("GET", "/images/json", x -> x.json(200, images.list(x.flag("all"), x.filters()))),
                Route.of("POST", "/images/create", x -> {
                    String fromImage = x.param("fromImage");
                    if (fromImage != null && !fromImage.isEmpty()) {
                        if (x.param("fromSrc") != null) {
                            throw new InvalidArgumentException("images/create: fromImage and fromSrc are exclusive");
                        }
                        RegistryRoutes.pull(engine, x, fromImage);
                        return;
                    }
                    if (!"-".equals(x.param("fromSrc"))) {
                        throw new InvalidArgumentException("fromSrc: Cairn imports from the request body only (fromSrc=-);"
                                + " pull from a registry with fromImage");
                    }
                    Optional<String> ref = reference(x.param("repo"), x.param("tag"));
                    Map<String, Object> changes = changes(x);
                    x.upload("import", u -> u.json(200, Map.of("status",
                            importer.importRootfs(u.bodyStream(), ref, changes, u.param("message"), u.uid()))));
                }),
                Route.of("POST", "/images/prune", x -> {
                    Filters filters = x.filters();
                    boolean all = filters.get("dangling").contains("false");
                    Map<String, List<String>> rest = new LinkedHashMap<>(filters.values());
                    rest.remove("dangling");
                    x.json(200, images.prune(all, new Filters(rest), x.uid()));
                }),
                Route.of("GET", "/images/{name*}/json", x -> x.json(200, images.inspect(x.path(0)))),
                Route.of("GET", "/images/{name*}/history", x -> x.json(200, images.history(x.path(0)))),
                Route.of("POST", "/images/{name*}/tag", x -> {
                    String repo = x.param("repo");
                    if (repo == null || repo.isEmpty()) {
                        throw new InvalidArgumentException("tag: the repo parameter is required");
                    }
                    String tag = x.param("tag");
                    images.tag(x.path(0), tag == null || tag.isEmpty() ? repo : repo + ":" + tag, x.uid());
                    x.json(201, Map.of());
                }),
                Route.of("POST", "/auth", x -> RegistryRoutes.auth(engine, x)),
                Route.of("POST", "/images/{name*}/push", x -> RegistryRoutes.push(engine, x, x.path(0))),
                Route.of("DELETE", "/images/{name*}", x -> x.json(200, images.remove(x.path(0), x.flag("force"), x.uid()))),
                Route.of("POST", "/cairn/images/{name*}/verify",
                        x -> x.json(200, engine.imageMaintenance().verify(images.resolve(x.path(0))))));
    }

    private static Optional<String> reference(String repo, String tag) {
        if (repo == null || repo.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(tag == null || tag.isEmpty() ? repo : repo + ":" + tag);
    }

    /** {@code changes} query parameters: Dockerfile instructions applied to the config. */
    private static Map<String, Object> changes(Exchange x) {
        return ConfigChanges.apply(Map.of(), new ArrayList<>(x.params("changes")));
    }
}
