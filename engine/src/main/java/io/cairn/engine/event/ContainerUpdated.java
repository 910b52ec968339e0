package io.cairn.engine.event;

/**
 * Docker's {@code update}: the container's limits are now {@code resources} (applied to the running
 * cgroup first, when it runs), and its restart policy {@code restartPolicy} when the update named
 * one ({@code null}: unchanged; so reads every entry of version 1, which predates
 * {@code update --restart}).
 */
public record ContainerUpdated(String id, Resources resources, RestartPolicy restartPolicy) implements Event {

    /** An update of the limits alone. */
    public ContainerUpdated(String id, Resources resources) {
        this(id, resources, null);
    }
}
