package io.cairn.engine.runtime;

/**
 * What runc says of a container.
 *
 * @param status {@code created}, {@code running}, {@code paused}, {@code stopped}, or {@code missing}
 * @param pid    the init process's pid (0 when none)
 */
public record RuntimeState(String status, long pid) {

    public static RuntimeState missing() {
        return new RuntimeState("missing", 0);
    }

    public boolean exists() {
        return !status.equals("missing");
    }

    public boolean running() {
        return status.equals("running") || status.equals("created") || status.equals("paused");
    }
}
