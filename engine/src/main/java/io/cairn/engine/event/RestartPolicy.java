package io.cairn.engine.event;

import java.util.List;

/**
 * Docker's {@code HostConfig.RestartPolicy}: what the engine does when the container's process ends
 * on its own. Part of {@link ContainerSettings}, and so of the journal format.
 *
 * @param name              {@code no}, {@code on-failure}, {@code always} or {@code unless-stopped}
 * @param maximumRetryCount for {@code on-failure}: how many restarts at most, 0 for no bound
 */
public record RestartPolicy(String name, int maximumRetryCount) {

    /** The names Docker knows ({@code ""} is Docker's way of saying {@code no}). */
    public static final List<String> NAMES = List.of("no", "on-failure", "always", "unless-stopped");

    public RestartPolicy {
        name = name == null || name.isEmpty() ? "no" : name;
    }

    public static RestartPolicy none() {
        return new RestartPolicy("no", 0);
    }

    public boolean neverRestarts() {
        return name.equals("no");
    }
}
