package io.cairn.engine.event;

/**
 * One Dockerfile instruction of a build took effect.
 *
 * @param buildId     the build
 * @param step        1-based number of the step in the build's progress output ({@code #N})
 * @param name        progress name, e.g. {@code [stage-0 2/4] RUN make}
 * @param cached      whether the result came from the build cache
 * @param imageId     the image after the step; empty for metadata steps, which make no image of their own
 * @param millis      how long it took
 */
public record BuildStepCompleted(String buildId, int step, String name, boolean cached, String imageId, long millis)
        implements Event {
}
