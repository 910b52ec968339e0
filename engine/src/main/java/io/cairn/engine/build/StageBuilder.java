package io.cairn.engine.build;

import io.cairn.engine.layout.RootLayout;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.build.cache.BuildCache;
import io.cairn.engine.build.cache.CacheKey;
import io.cairn.engine.build.copy.ContentHashes;
import io.cairn.engine.build.copy.ContextTree;
import io.cairn.engine.build.copy.CopyException;
import io.cairn.engine.build.run.CacheMounts;
import io.cairn.engine.build.run.RunBuild;
import io.cairn.engine.build.run.RunFailedException;
import io.cairn.engine.build.run.RunLayer;
import io.cairn.engine.build.run.RunStage;
import io.cairn.dockerfile.instructions.Add;
import io.cairn.dockerfile.instructions.Arg;
import io.cairn.dockerfile.instructions.Copy;
import io.cairn.dockerfile.instructions.Instruction;
import io.cairn.dockerfile.instructions.Run;
import io.cairn.dockerfile.instructions.Workdir;
import io.cairn.dockerfile.plan.BaseImage;
import io.cairn.dockerfile.plan.BuildPlan;
import io.cairn.dockerfile.plan.PlannedStage;
import io.cairn.dockerfile.plan.Step;
import io.cairn.engine.container.ContainerService;
import io.cairn.engine.event.BuildCacheStored;
import io.cairn.engine.event.BuildStepCompleted;
import io.cairn.engine.event.Event;
import io.cairn.engine.image.ImageCommitter;
import io.cairn.engine.image.ImageRecord;
import io.cairn.engine.image.ImageService;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Executes the stages of one build, in dependency order, each instruction against a
 * {@link StageState}: metadata instructions change the config (an {@code empty_layer} history
 * entry), COPY/ADD stage their files and commit them as a layer, RUN runs a container and commits
 * its writable layer. Each layer step first looks its key up in the cache.
 */
final class StageBuilder {

    /** What the whole build shares. */
    record Build(String id, BuildRequest request, BuildPlan plan, Optional<ContextTree> context, Optional<Long> epoch,
                 BuildListener listener, int uid) {
    }

    /** Makes a layer and the image that adds it; gets the config to write and the events to journal with it. */
    @FunctionalInterface
    interface LayerWork {
        String run(Map<String, Object> config, Function<String, List<Event>> extra) throws IOException;
    }

    private final Build build;
    private final Pipeline pipeline;
    private final ImageService images;
    private final BuildCache cache;
    private final RootLayout root;
    private final ImageCommitter committer;
    private final RunLayer runLayer;
    private final CopyStep copyStep;
    private final Map<Integer, StageState> built = new HashMap<>();
    private final List<java.util.concurrent.CompletableFuture<?>> journaled = new ArrayList<>();
    private int vertices;
    private volatile String current = "";

    StageBuilder(Build build, Pipeline pipeline, ImageService images, ContainerService containers, BuildCache cache,
                 CacheMounts cacheMounts, RootLayout root, ContentHashes hashes) {
        this.build = build;
        this.pipeline = pipeline;
        this.images = images;
        this.cache = cache;
        this.root = root;
        this.committer = new ImageCommitter(images, root.tmp());
        this.runLayer = new RunLayer(new RunBuild(build.id(), build.uid(), build.epoch(), build.context(),
                build.request().network(), build.plan().proxyArgs(), build.request().secrets(), build.request().ssh()),
                containers, cacheMounts, committer, root);
        this.copyStep = new CopyStep(images, build, committer, root.tmp(), hashes);
    }

    /** The progress name of the step running now, for a failure event. */
    String currentStep() {
        return current;
    }

    /** Builds the target and what it needs; tags the result. */
    String buildTarget(List<String> tags) {
        StageState target = stage(build.plan().target());
        Map<String, String> labels = build.request().labels();
        StageState st = target;
        if (!labels.isEmpty()) {
            st = target.copy();
            Map<String, Object> c = ConfigEditor.config(st.config);
            @SuppressWarnings("unchecked")
            Map<String, Object> l = c.get("Labels") instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m)
                    : new LinkedHashMap<>();
            l.putAll(labels);
            c.put("Labels", l);
            st.config.put("config", c);
            st.pending.add("--label " + new java.util.TreeMap<>(labels));
        }
        String id;
        if (st.pending.isEmpty() && st.image.isPresent()) {
            id = st.image.get().id();
        } else {
            // metadata after the last layer: one more image with no layer, cached like a step
            String key = CacheKey.of(st.parentId(), st.pendingText(), "IMAGE", Map.of(), "");
            Optional<String> hit = build.request().noCache() ? Optional.empty() : cache.lookup(key);
            if (hit.isPresent()) {
                id = hit.get();
            } else {
                Map<String, Object> config = StageState.deepCopy(st.config);
                config.put("created", created());
                final StageState last = st;
                id = committer.build(last.image, Optional.empty(), config, build.epoch(), List.of(),
                        i -> List.of(new BuildCacheStored(key, i, "image config")), build.uid());
            }
        }
        for (String tag : tags) {
            images.tag(id, tag, build.uid());
        }
        return id;
    }

    private StageState stage(int index) {
        StageState done = built.get(index);
        if (done != null) {
            return done;
        }
        PlannedStage ps = build.plan().stages().get(index);
        for (int dep : ps.dependsOn()) {
            stage(dep);
        }
        StageState st = base(ps);
        int total = countOf(ps);
        int k = 1;
        for (Step step : ps.steps()) {
            Instruction in = step.instruction();
            String text = (step.trigger() ? "ONBUILD " : "") + in.node().original();
            if (isVertex(in)) {
                k++;
                layerStep(ps, st, step, prefix(ps, k, total) + " " + text);
            } else {
                metadataStep(st, step, "[" + stageName(ps) + "] " + text);
            }
        }
        built.put(index, st);
        return st;
    }

    private StageState base(PlannedStage ps) {
        int vertex = ++vertices;
        String ref = ps.base() instanceof BaseImage.Image img ? img.reference()
                : ps.base() instanceof BaseImage.StageRef s ? build.plan().stages().get(s.index()).stage().displayName()
                : "scratch";
        String name = prefix(ps, 1, 0) + " FROM " + ref;
        current = name;
        build.listener().started(vertex, name);
        long t0 = System.nanoTime();
        StageState st;
        if (ps.base() instanceof BaseImage.StageRef s) {
            st = built.get(s.index()).copy();
        } else if (ps.base() instanceof BaseImage.Image img) {
            ImageRecord record;
            try {
                record = images.resolve(img.reference());
            } catch (NotFoundException e) {
                throw failed(ps, "FROM", "base image " + img.reference() + " not found locally, and no registry had it");
            }
            st = new StageState(Optional.of(record), StageState.JSON.convertValue(images.configOf(record), LinkedHashMap.class));
        } else {
            st = new StageState(Optional.empty(), scratchConfig());
        }
        if (!(ps.base() instanceof BaseImage.StageRef)) {
            Map<String, Object> c = ConfigEditor.config(st.config);
            // the triggers run in this stage (the planner put them first); a child does not inherit them
            c.remove("OnBuild");
            // as BuildKit: a base image without PATH gets the default one, in the config too
            List<Object> env = c.get("Env") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
            if (env.stream().noneMatch(e -> String.valueOf(e).startsWith("PATH="))) {
                env.add(0, "PATH=" + io.cairn.dockerfile.plan.Planner.DEFAULT_PATH);
                c.put("Env", env);
            }
            st.config.put("config", c);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        build.listener().done(vertex, secs);
        journalStep(vertex, name, false, st.image.map(ImageRecord::id).orElse(""), t0);
        return st;
    }

    private static Map<String, Object> scratchConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        var platform = io.cairn.dockerfile.plan.Platform.host();
        config.put("architecture", platform.architecture());
        if (!platform.variant().isEmpty()) {
            config.put("variant", platform.variant());
        }
        config.put("os", "linux");
        config.put("config", new LinkedHashMap<>(Map.of("Env",
                List.of("PATH=" + io.cairn.dockerfile.plan.Planner.DEFAULT_PATH))));
        config.put("rootfs", new LinkedHashMap<>(Map.of("type", "layers", "diff_ids", List.of())));
        config.put("history", List.of());
        return config;
    }

    private void metadataStep(StageState st, Step step, String name) {
        Instruction in = step.instruction();
        long t0 = System.nanoTime();
        if (in instanceof Arg) {
            // ARG changes no config; its values reach RUN through the scope. BuildKit also writes an
            // "ARG K=V" history entry; here it would make a changed value invalidate the next layer
            // step's cache key instead of its first use, so it is left out.
            journalStep(0, name, false, "", t0);
            return;
        }
        if (in instanceof io.cairn.dockerfile.instructions.Cmd) {
            st.cmdSet = true;
        }
        ConfigEditor.apply(st.config, in, st.cmdSet);
        String createdBy = HistoryText.of(in, ConfigEditor.config(st.config));
        st.config = st.withHistory(createdBy, created(), true);
        st.pending.add(createdBy);
        journalStep(0, name, false, "", t0);
    }

    private void layerStep(PlannedStage ps, StageState st, Step step, String name) {
        int vertex = ++vertices;
        current = name;
        BuildListener listener = build.listener();
        listener.started(vertex, name);
        long t0 = System.nanoTime();
        Instruction in = step.instruction();
        try {
            Prepared prepared;
            if (in instanceof Workdir) {
                ConfigEditor.apply(st.config, in, st.cmdSet);
                prepared = WorkdirStep.prepare(st, images, committer, root, build);
                if (prepared == null) { // the directory exists: a config change only
                    String createdBy = "WORKDIR " + ConfigEditor.config(st.config).get("WorkingDir");
                    st.config = st.withHistory(createdBy, created(), true);
                    st.pending.add(createdBy);
                    listener.done(vertex, (System.nanoTime() - t0) / 1e9);
                    journalStep(vertex, name, false, "", t0);
                    return;
                }
            } else {
                prepared = in instanceof Run run ? prepareRun(st, step, run, vertex, t0) : copyStep.prepare(st, in, built);
            }
            String key = CacheKey.of(st.parentId(), st.pendingText(), prepared.keyText(), prepared.args(),
                    prepared.sources());
            Optional<String> hit = build.request().noCache() ? Optional.empty() : cache.lookup(key);
            String id;
            try {
                if (hit.isPresent()) {
                    id = hit.get();
                    listener.cached(vertex);
                } else {
                    Map<String, Object> config = st.withHistory(prepared.createdBy(), created(), false);
                    id = prepared.work().run(config, i -> List.of(new BuildCacheStored(key, i, prepared.createdBy())));
                    listener.done(vertex, (System.nanoTime() - t0) / 1e9);
                }
            } finally {
                prepared.cleanup().run();
            }
            ImageRecord record = images.resolve(id);
            st.image = Optional.of(record);
            st.config = StageState.JSON.convertValue(images.configOf(record), LinkedHashMap.class);
            st.pending.clear();
            journalStep(vertex, name, hit.isPresent(), id, t0);
        } catch (BuildFailedException | RunFailedException | CopyException | InvalidArgumentException e) {
            listener.failed(vertex, e.getMessage());
            throw new BuildFailedException(where(ps, step) + ": " + name.substring(name.indexOf(']') + 2) + ": " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            listener.failed(vertex, e.getMessage());
            throw new BuildFailedException(where(ps, step) + ": " + in.keyword() + " failed: " + e.getMessage(), e);
        }
    }

    /** A RUN: the stage hands over what the run package reads of it, and the step's output goes to the listener. */
    private Prepared prepareRun(StageState st, Step step, Run run, int vertex, long t0) throws IOException {
        Map<String, Object> c = ConfigEditor.config(st.config);
        RunStage stage = new RunStage(st.image, ConfigEditor.env(c), ConfigEditor.shell(c),
                String.valueOf(c.getOrDefault("WorkingDir", "")), String.valueOf(c.getOrDefault("User", "")),
                CopyStep.tree(images, st.image), name -> {
                    FromSource from = FromSource.resolve(name, "RUN --mount=from", build.plan(), built, images);
                    return new RunStage.From(from.image(), from.display());
                });
        RunLayer.Prepared p = runLayer.prepare(stage, step, run,
                line -> build.listener().log(vertex, (System.nanoTime() - t0) / 1e9, line));
        return new Prepared(p.createdBy(), p.keyText(), p.args(), "", p.work()::run, p.cleanup()::run);
    }

    /** Undoes what preparing a step set up (temporary files, mounts), whether the step ran, hit the cache or failed. */
    @FunctionalInterface
    interface Cleanup {
        void run() throws IOException;
    }

    /** A layer step ready to key and run; its {@code cleanup} runs once the step is over. */
    record Prepared(String createdBy, String keyText, Map<String, String> args, String sources, LayerWork work,
                    Cleanup cleanup) {

        Prepared(String createdBy, String keyText, Map<String, String> args, String sources, LayerWork work) {
            this(createdBy, keyText, args, sources, work, () -> { });
        }
    }

    /** Records a step in the journal. */
    private void journalStep(int vertex, String name, boolean cached, String imageId, long t0) {
        long ms = (System.nanoTime() - t0) / 1_000_000;
        Event e = new BuildStepCompleted(build.id(), vertex, name, cached, imageId, ms);
        // not awaited here: the build does not read it back, and the one pipeline consumer journals
        // commands in order, so every step is journaled before the build's outcome (awaitJournal)
        journaled.add(pipeline.submit(s -> Decision.of(null, e), build.uid()));
    }

    /** Waits for the step events submitted so far; rethrows the first failure. */
    void awaitJournal() {
        for (java.util.concurrent.CompletableFuture<?> f : journaled) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        journaled.clear();
    }

    /** The layer-time of this build: SOURCE_DATE_EPOCH when set, else now. */
    private String created() {
        return build.epoch().map(s -> Instant.ofEpochSecond(s).toString()).orElseGet(() -> Instant.now().toString());
    }

    private String prefix(PlannedStage ps, int k, int total) {
        String counter = total == 0 ? k + "/" + countOf(ps) : k + "/" + total;
        return build.plan().stages().size() == 1 ? "[" + counter + "]" : "[" + stageName(ps) + " " + counter + "]";
    }

    private static int countOf(PlannedStage ps) {
        return 1 + (int) ps.steps().stream().map(Step::instruction).filter(StageBuilder::isVertex).count();
    }

    /** The steps BuildKit shows as [k/n]: those that may make a layer (WORKDIR makes its directory). */
    private static boolean isVertex(Instruction in) {
        return in instanceof Run || in instanceof Copy || in instanceof Add
                || (in instanceof Workdir w && !w.path().text().equals("/"));
    }

    private String stageName(PlannedStage ps) {
        return ps.stage().name().orElse("stage-" + ps.stage().index());
    }

    /** The Dockerfile line of a step; a base image's trigger is reported at the stage's FROM. */
    private String where(PlannedStage ps, Step step) {
        int line = step.trigger() ? ps.stage().from().position().line() : step.instruction().position().line();
        return build.request().dockerfileName() + ":" + line;
    }

    private BuildFailedException failed(PlannedStage ps, String keyword, String message) {
        return new BuildFailedException(build.request().dockerfileName() + ":" + ps.stage().from().position().line()
                + ": " + keyword + ": " + message);
    }
}
