package io.cairn.engine.event;

import java.util.List;

/**
 * A build began (an intent: {@link BuildCompleted} or {@link BuildFailed} closes it).
 *
 * @param buildId    random ID of this build, 64 hex
 * @param dockerfile how the Dockerfile was named ({@code Dockerfile}, {@code <stdin>}, a path)
 * @param context    the context directory, or empty when there is none
 * @param target     the stage built (name or index)
 * @param tags       references the result will get, normalized
 */
public record BuildStarted(String buildId, String dockerfile, String context, String target, List<String> tags)
        implements Event {
    public BuildStarted {
        tags = List.copyOf(tags);
    }
}
