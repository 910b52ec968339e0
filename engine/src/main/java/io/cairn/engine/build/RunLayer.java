package io.cairn.engine.build;

import io.cairn.engine.layout.RootLayout;
import io.cairn.dockerfile.instructions.Run;
import io.cairn.dockerfile.plan.Step;
import io.cairn.engine.build.run.RunSpec;
import io.cairn.engine.build.run.RunStep;
import io.cairn.engine.container.ContainerService;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.image.ImageCommitter;
import io.cairn.engine.image.ImageRecord;
import io.cairn.engine.image.ImageService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A RUN instruction as a layer step: its spec is resolved against the stage (mounts and their
 * sources held until the step is over), its cache text is the spec's, and on a miss it runs in a
 * container whose writable layer, minus the mount points the runtime made, becomes the layer.
 */
final class RunLayer {

    private final StageBuilder.Build build;
    private final ImageService images;
    private final ContainerService containers;
    private final CacheMounts cacheMounts;
    private final ImageCommitter committer;
    private final RootLayout root;
    private final RunStep runStep;

    RunLayer(StageBuilder.Build build, ImageService images, ContainerService containers, CacheMounts cacheMounts,
             ImageCommitter committer, RootLayout root) {
        this.build = build;
        this.images = images;
        this.containers = containers;
        this.cacheMounts = cacheMounts;
        this.committer = committer;
        this.root = root;
        this.runStep = new RunStep(containers);
    }

    /** The RUN as a layer step; what it sets up (scratch files, mounts, leases) is undone by its cleanup. */
    StageBuilder.Prepared prepare(StageState st, Step step, Run run, Map<Integer, StageState> built, int vertex, long t0)
            throws IOException {
        if (st.image.isEmpty()) {
            throw new BuildFailedException("RUN needs a filesystem to run in, and this stage has none yet (FROM scratch)");
        }
        Path scratchDir = Files.createTempDirectory(root.tmp(), "run-");
        List<Path> views = new ArrayList<>();
        List<CacheMounts.Lease> leases = new ArrayList<>();
        StageBuilder.Cleanup cleanup = () -> {
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
            spec = RunSpecs.of(st, step, run, build, scratchDir, root, new RunSpecs.Sources(
                    from -> FromSource.resolve(from, "RUN --mount=from", build.plan(), built, images), containers,
                    cacheMounts, views, leases));
        } catch (IOException | RuntimeException e) {
            cleanup.run();
            throw e;
        }
        String createdBy = "RUN " + runArgs(step) + spec.display() + " # buildkit";
        ImageRecord parent = st.image.get();
        return new StageBuilder.Prepared(createdBy, spec.cacheText(), step.scope().args(), "", (config, extra) ->
                runStep.run(spec, build.id(), line -> build.listener().log(vertex,
                        (System.nanoTime() - t0) / 1e9, line), upper -> {
                            try {
                                MountStubs.clean(upper, CopyStep.tree(images, Optional.of(parent)), spec.mounts());
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
