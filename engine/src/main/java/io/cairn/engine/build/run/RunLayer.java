package io.cairn.engine.build.run;

import io.cairn.dockerfile.instructions.Run;
import io.cairn.dockerfile.plan.Step;
import io.cairn.engine.container.ContainerService;
import io.cairn.engine.event.Event;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.image.ImageCommitter;
import io.cairn.engine.image.ImageRecord;
import io.cairn.engine.layout.RootLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A RUN instruction as a layer step: its spec is resolved against the stage (mounts and their
 * sources held until the step is over), its cache text is the spec's, and on a miss it runs in a
 * container whose writable layer, minus the mount points the runtime made, becomes the layer.
 */
public final class RunLayer {

    /** Makes the layer and the image that adds it; gets the config to write and the events to journal with it. */
    @FunctionalInterface
    public interface Work {
        /** @return the new image's ID */
        String run(Map<String, Object> config, Function<String, List<Event>> extra) throws IOException;
    }

    /** Undoes what preparing the step set up (temporary files, mounts, cache leases). */
    @FunctionalInterface
    public interface Cleanup {
        void run() throws IOException;
    }

    /**
     * A RUN ready to key and run; the caller runs {@code cleanup} once the step is over, whether it
     * ran, hit the cache or failed.
     *
     * @param createdBy the history entry
     * @param keyText   what changes the step's result, for the cache key
     * @param args      the build args in scope, for the cache key
     */
    public record Prepared(String createdBy, String keyText, Map<String, String> args, Work work, Cleanup cleanup) {
    }

    private final RunBuild build;
    private final ContainerService containers;
    private final CacheMounts cacheMounts;
    private final ImageCommitter committer;
    private final RootLayout root;
    private final RunStep runStep;

    public RunLayer(RunBuild build, ContainerService containers, CacheMounts cacheMounts, ImageCommitter committer,
                    RootLayout root) {
        this.build = build;
        this.containers = containers;
        this.cacheMounts = cacheMounts;
        this.committer = committer;
        this.root = root;
        this.runStep = new RunStep(containers);
    }

    /**
     * The RUN as a layer step; what it sets up (scratch files, mounts, leases) is undone by its cleanup.
     *
     * @param output gets each line the process writes
     * @throws RunFailedException when the step cannot be resolved (no filesystem, a mount it cannot make)
     */
    public Prepared prepare(RunStage st, Step step, Run run, Consumer<String> output) throws IOException {
        if (st.image().isEmpty()) {
            throw new RunFailedException("RUN needs a filesystem to run in, and this stage has none yet (FROM scratch)");
        }
        Path scratchDir = Files.createTempDirectory(root.tmp(), "run-");
        List<Path> views = new ArrayList<>();
        List<CacheMounts.Lease> leases = new ArrayList<>();
        Cleanup cleanup = () -> {
            try {
                leases.forEach(CacheMounts.Lease::close);
                for (Path v : views) {
                    containers.unmountView(v);
                }
            } finally {
                Trees.delete(scratchDir);
            }
        };
        RunSpec spec;
        try {
            spec = RunSpecs.of(st, step, run, build, scratchDir,
                    new RunSpecs.Sources(containers, cacheMounts, views, leases));
        } catch (IOException | RuntimeException e) {
            cleanup.run();
            throw e;
        }
        String createdBy = "RUN " + runArgs(step) + spec.display() + " # buildkit";
        ImageRecord parent = st.image().get();
        return new Prepared(createdBy, spec.cacheText(), step.scope().args(), (config, extra) ->
                runStep.run(spec, build.id(), output, upper -> {
                            try {
                                MountStubs.clean(upper, st.filesystem(), spec.mounts());
                            } catch (IOException e) {
                                throw new UncheckedIOException("cannot remove the mount points of " + spec.display(), e);
                            }
                            return committer.build(Optional.of(parent), Optional.of(ImageCommitter.Upper.owned(upper)),
                                    config, build.epoch(), List.of(), extra, build.uid());
                        }, build.uid()),
                cleanup);
    }

    /**
     * BuildKit's prefix of a RUN's history entry: {@code |N K=V … } for the stage's build args in
     * scope (an ENV of the same name wins), empty when there are none.
     */
    private static String runArgs(Step step) {
        Map<String, String> args = step.scope().args();
        if (args.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("|").append(args.size());
        args.forEach((k, v) -> b.append(' ').append(k).append('=').append(step.scope().lookup(k)));
        return b.append(' ').toString();
    }

}
