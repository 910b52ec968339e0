package io.cairn.engine.build;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.layout.RootLayout;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.build.cache.BuildCache;
import io.cairn.engine.build.copy.ContentHashes;
import io.cairn.engine.build.copy.ContextTree;
import io.cairn.engine.build.run.CacheMounts;
import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.dockerignore.IgnoreFile;
import io.cairn.dockerfile.dockerignore.InvalidPatternException;
import io.cairn.dockerfile.instructions.DockerfileModel;
import io.cairn.dockerfile.instructions.InstructionParser;
import io.cairn.dockerfile.parser.DockerfileParser;
import io.cairn.dockerfile.plan.BaseImages;
import io.cairn.dockerfile.plan.BuildOptions;
import io.cairn.dockerfile.plan.BuildPlan;
import io.cairn.dockerfile.plan.Platform;
import io.cairn.dockerfile.plan.Planner;
import io.cairn.engine.container.ContainerService;
import io.cairn.engine.event.BuildCompleted;
import io.cairn.engine.event.BuildFailed;
import io.cairn.engine.event.BuildStarted;
import io.cairn.engine.event.Event;
import io.cairn.engine.image.ImageNames;
import io.cairn.engine.image.ImageService;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.image.reference.Reference;
import io.cairn.engine.registry.Credentials;
import io.cairn.engine.registry.RegistryAuths;
import io.cairn.engine.state.StateReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cairn build}: a Dockerfile and a context → an image, every step journaled. Parses and
 * plans with the Dockerfile front end, builds the stages the target needs (each through
 * {@link StageBuilder}), tags the result, and journals {@code BuildStarted}, one
 * {@code BuildStepCompleted} per instruction, {@code BuildCacheStored} with each image a step
 * makes, and {@code BuildCompleted} or {@code BuildFailed}.
 */
public final class BuildService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pipeline pipeline;
    private final ImageService images;
    private final ContainerService containers;
    private final RootLayout root;
    private final BuildCache cache;
    private final CacheMounts cacheMounts;
    private final StateReader committed;
    // the context files' digests, kept across builds: a cached COPY reads no file it has read before
    private final ContentHashes hashes = ContentHashes.daemon();

    public BuildService(Pipeline pipeline, StateReader committed, ImageService images, ContainerService containers,
                        RootLayout root) {
        this.pipeline = pipeline;
        this.images = images;
        this.containers = containers;
        this.root = root;
        this.cache = new BuildCache(pipeline, committed);
        this.cacheMounts = new CacheMounts(root.dir().resolve("buildcache-mounts"));
        this.committed = committed;
    }

    /**
     * Recovery: a build cannot continue across a daemon restart, so builds with no outcome are
     * journaled as failed and the RUN containers a killed daemon left behind are removed (their
     * writable layers were never committed).
     */
    public List<String> recover() {
        List<String> removed = new ArrayList<>();
        List<String> unfinished = new ArrayList<>();
        committed.scan(io.cairn.engine.state.Families.BUILDS, "", (k, v) -> unfinished.add(k));
        for (String buildId : unfinished) {
            pipeline.execute(s -> io.cairn.engine.pipeline.Decision.of(null,
                    new io.cairn.engine.event.BuildFailed(buildId, "", "the daemon stopped during the build")), 0);
            removed.add("build " + buildId + " failed: the daemon stopped during it");
        }
        for (var c : containers.all()) {
            if (c.config().labels().containsKey(io.cairn.engine.build.run.RunStep.BUILD_LABEL)) {
                try {
                    containers.remove(c.id(), true, true, 0);
                    removed.add("removed container " + c.id() + " of an interrupted build");
                } catch (RuntimeException e) {
                    removed.add("could not remove container " + c.id() + " of an interrupted build: " + e.getMessage());
                }
            }
        }
        return removed;
    }

    public BuildCache cache() {
        return cache;
    }

    /**
     * What {@code builder prune} removed: the cache's entries, the cache mounts' directories, and the
     * bytes both freed (the entries' untagged step images, the mounts' files).
     */
    public record Pruned(List<io.cairn.engine.build.cache.CacheRecord> entries, List<String> cacheMounts,
                         long bytes) {
    }

    /**
     * {@code builder prune}: forgets every cache entry (journaled), removes the step images they
     * named that nothing else holds (no tag, no container), and empties the cache mounts no running
     * step uses — both kinds of build cache, as Docker's does.
     */
    public Pruned prune(int uid) {
        List<io.cairn.engine.build.cache.CacheRecord> entries = cache.prune(uid);
        long freed = 0;
        for (var entry : entries) {
            freed += images.removeUnusedBuildImage(entry.imageId(), uid);
        }
        try {
            CacheMounts.Pruned mounts = cacheMounts.prune();
            return new Pruned(entries, mounts.names(), freed + mounts.bytes());
        } catch (IOException e) {
            throw new io.cairn.api.EngineFailureException("cannot remove the build's cache mounts: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Builds {@code request}; {@code listener} sees the steps as they run.
     *
     * @return the image ID ({@code sha256:<hex>})
     * @throws InvalidArgumentException when the Dockerfile, the context or an option is bad (nothing is built)
     * @throws BuildFailedException     when a step fails (the message names it)
     */
    public String build(BuildRequest request, BuildListener listener, int uid) {
        long started = System.nanoTime();
        Optional<Long> epoch = request.sourceDateEpoch();
        if (!List.of("none", "host", "bridge").contains(request.network())) {
            throw new InvalidArgumentException("network mode \"" + request.network() + "\" not supported by the builder:"
                    + " use none (the default), bridge or host");
        }
        List<String> tags = request.tags().stream().map(ImageNames::normalize).toList();
        DockerfileModel model = InstructionParser.parse(DockerfileParser.parse(request.dockerfile()));
        refuse(request.dockerfileName(), model.diagnostics());
        BuildPlan plan = Planner.plan(model, new BuildOptions(request.buildArgs(), request.target(), Platform.host()),
                baseImages(uid, request.registryAuths()));
        refuse(request.dockerfileName(), plan.diagnostics());
        if (plan.stages().isEmpty()) {
            throw new InvalidArgumentException(request.dockerfileName() + ": the Dockerfile has no FROM: nothing to build");
        }
        Entitlements.check(request, plan);
        Optional<ContextTree> context = context(request);
        if (!plan.unusedBuildArgs().isEmpty()) {
            listener.warning("one or more build args " + plan.unusedBuildArgs() + " were not consumed");
        }
        String buildId = HexFormat.of().formatHex(randomBytes());
        String target = plan.stages().get(plan.target()).stage().displayName();
        journal(uid, new BuildStarted(buildId, request.dockerfileName(),
                request.context().map(Path::toString).orElse(""), target, tags));
        StageBuilder builder = new StageBuilder(new StageBuilder.Build(buildId, request, plan, context, epoch, listener, uid),
                pipeline, images, containers, cache, cacheMounts, root, hashes);
        try {
            String id = builder.buildTarget(tags);
            builder.awaitJournal();
            journal(uid, new BuildCompleted(buildId, id, (System.nanoTime() - started) / 1_000_000));
            return id;
        } catch (RuntimeException | Error e) { // an Error too: the journal must not keep an unfinished build
            journal(uid, new BuildFailed(buildId, builder.currentStep(), String.valueOf(e.getMessage())));
            throw e;
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    private void journal(int uid, Event event) {
        pipeline.execute(s -> Decision.of(null, event), uid);
    }

    private static void refuse(String file, List<Diagnostic> diagnostics) {
        List<Diagnostic> errors = diagnostics.stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty()) {
            int more = errors.size() - 1;
            throw new InvalidArgumentException(errors.get(0).format(file)
                    + (more > 0 ? " (and " + more + " more error" + (more == 1 ? "" : "s") + ")" : ""));
        }
    }

    private Optional<ContextTree> context(BuildRequest request) {
        if (request.context().isEmpty()) {
            return Optional.empty();
        }
        Path dir = request.context().get();
        if (!Files.isDirectory(dir)) {
            throw new InvalidArgumentException("unable to prepare context: path \"" + dir + "\" not found");
        }
        Path df = Path.of(request.dockerfileName());
        Optional<Path> dockerfile = df.isAbsolute() && Files.isRegularFile(df) ? Optional.of(df) : Optional.empty();
        try {
            return Optional.of(new ContextTree(dir, IgnoreFile.locate(dir, dockerfile).matcher()));
        } catch (InvalidPatternException e) {
            throw new InvalidArgumentException(".dockerignore in " + dir + ": " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read .dockerignore in " + dir + ": " + e.getMessage());
        }
    }

    /** Local base images: their environment (ENV expansions in the stage read it) and ONBUILD triggers. */
    private BaseImages baseImages(int uid, RegistryAuths auths) {
        return new BaseImages() {
            @Override
            public Optional<Map<String, String>> env(String reference) {
                return config(reference, uid, auths).map(config -> {
                    Map<String, String> env = new LinkedHashMap<>();
                    config.path("Env").forEach(e -> {
                        String s = e.asText();
                        int eq = s.indexOf('=');
                        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
                    });
                    return env;
                });
            }

            @Override
            public List<String> triggers(String reference) {
                return config(reference, uid, auths).map(config -> {
                    List<String> triggers = new ArrayList<>();
                    config.path("OnBuild").forEach(t -> triggers.add(t.asText()));
                    return triggers;
                }).orElse(List.of());
            }
        };
    }

    private Optional<JsonNode> config(String reference, int uid, RegistryAuths auths) {
        try {
            return Optional.of(images.configOf(images.resolve(reference)).path("config"));
        } catch (NotFoundException e) {
            if (!pullMissing(reference, uid, auths)) {
                return Optional.empty();
            }
            return Optional.of(images.configOf(images.resolve(reference)).path("config"));
        } catch (InvalidArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Pulls a base image the engine lacks, as Docker's builder does for FROM, with the credentials
     * the client lent for its registry (anonymous when none). False when nothing can pull or the
     * reference is not one a registry could serve (an ID, a stage name that was not a stage).
     */
    private boolean pullMissing(String reference, int uid, RegistryAuths auths) {
        io.cairn.engine.image.ImagePuller p = puller.get();
        if (p == null || reference.equals("scratch") || reference.matches("(sha256:)?[0-9a-f]{12,64}")) {
            return false;
        }
        try {
            Credentials credentials;
            try {
                credentials = auths.forDomain(Reference.parseNormalized(reference).domain());
            } catch (RuntimeException invalid) {
                credentials = Credentials.ANONYMOUS; // the pull says what is wrong with the reference
            }
            p.pull(reference, "", Optional.empty(), credentials, step -> { }, uid);
        } catch (io.cairn.api.CairnException e) {
            // the registry's words alone do not say which FROM wanted it
            throw io.cairn.api.CairnException.of(e.kind(), "pulling base image " + reference + ": " + e.getMessage());
        }
        return true;
    }

    private volatile java.util.function.Supplier<io.cairn.engine.image.ImagePuller> puller = () -> null;

    /** Where a build gets base images it lacks (the engine's puller). */
    public void usePuller(java.util.function.Supplier<io.cairn.engine.image.ImagePuller> source) {
        this.puller = source;
    }
}
