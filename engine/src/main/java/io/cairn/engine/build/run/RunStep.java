package io.cairn.engine.build.run;

import io.cairn.engine.container.ContainerService;
import io.cairn.engine.container.CreateRequest;
import io.cairn.engine.runtime.log.LogQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Runs a RUN step as Docker's builder does: a container from the current image (network
 * {@code none} unless asked), started, awaited; a non-zero exit fails the build naming the
 * command and the code; on success the caller commits its writable layer. The container is
 * removed afterwards in every case, so a build leaves no container or mount behind.
 */
public final class RunStep {

    private static final Logger LOG = Logger.getLogger(RunStep.class.getName());

    /** The label that marks a build's containers (recovery may remove leftovers by it). */
    public static final String BUILD_LABEL = "io.cairn.build";

    /**
     * Commits a finished container's writable layer. The container has exited and its rootfs is
     * unmounted, and it is removed right after: the committer may take {@code upper} (move it
     * into the layer store) rather than copy it.
     */
    @FunctionalInterface
    public interface Committer {
        /** @return the new image's ID */
        String commit(Path upper);
    }

    private final ContainerService containers;

    public RunStep(ContainerService containers) {
        this.containers = containers;
    }

    /**
     * Runs {@code spec}; {@code output} gets each line the process writes.
     *
     * @return the image {@code committer} made of the container's writable layer
     * @throws RunFailedException when the process cannot start or exits non-zero
     */
    public String run(RunSpec spec, String buildId, Consumer<String> output, Committer committer, int uid) {
        try {
            return attempt(spec, buildId, output, committer, uid);
        } catch (NotStarted e) {
            // The runtime failed before the process ran (seen here: conmon exiting without a word, about
            // one container start in thirty under load); nothing ran, so one more attempt is safe.
            LOG.warning("RUN \"" + spec.display() + "\": " + e.getMessage() + "; trying once more");
            try {
                return attempt(spec, buildId, output, committer, uid);
            } catch (NotStarted again) {
                throw new RunFailedException("process \"" + spec.display() + "\" could not start: "
                        + again.getMessage(), again);
            }
        }
    }

    /** The container never ran its process. */
    private static final class NotStarted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotStarted(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private String attempt(RunSpec spec, String buildId, Consumer<String> output, Committer committer, int uid) {
        String id = containers.create(new CreateRequest(spec.image(), "build-" + buildId.substring(0, 12) + "-"
                        + Long.toHexString(System.nanoTime()), List.of(), spec.argv(), spec.env(), spec.workingDir(),
                spec.user(), "buildkitsandbox", Map.of(BUILD_LABEL, buildId), spec.mounts(), false, spec.network(),
                null, null, false, null, false), uid);
        Thread follower = null;
        try {
            follower = new Thread(() -> {
                // conmon writes output without a trailing newline as partial records (the 'P' flag):
                // they are joined to the rest of their line, and a last unfinished line is shown too
                // (apt's "Reading package lists..." is such output)
                java.util.Map<Object, StringBuilder> partial = new java.util.HashMap<>();
                try {
                    containers.logs(id, LogQuery.all(), true, e -> {
                        StringBuilder pending = partial.computeIfAbsent(e.stream(), k -> new StringBuilder());
                        if (e.complete()) {
                            output.accept(pending + e.text());
                            pending.setLength(0);
                        } else {
                            pending.append(e.text());
                        }
                    });
                    partial.values().stream().filter(p -> p.length() > 0).forEach(p -> output.accept(p.toString()));
                } catch (Exception e) {
                    LOG.fine("log follower of build container " + id + ": " + e);
                }
            }, "cairn-build-log-" + id.substring(0, 12));
            follower.setDaemon(true);
            follower.start();
            try {
                containers.start(id, uid);
            } catch (RuntimeException e) {
                throw new NotStarted(e);
            }
            int code = containers.await(id);
            follower.join(TimeUnit.SECONDS.toMillis(5));
            if (code != 0) {
                throw new RunFailedException("process \"" + spec.display()
                        + "\" did not complete successfully: exit code: " + code);
            }
            Path upper = containers.directory(id).resolve("upper");
            String image = committer.commit(upper);
            // the committer may have taken the directory: until the removal below the container
            // still exists, and a container without its writable layer is a problem to `system check`
            Files.createDirectories(upper);
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException("RUN \"" + spec.display() + "\": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException("interrupted while running \"" + spec.display() + "\"", e);
        } finally {
            if (follower != null) {
                follower.interrupt();
            }
            try {
                containers.remove(id, true, true, uid);
            } catch (RuntimeException e) {
                LOG.warning("cannot remove build container " + id + ": " + e.getMessage());
            }
        }
    }
}
