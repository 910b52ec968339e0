package io.cairn.engine.container;

import io.cairn.api.InvalidArgumentException;

/** Docker's {@code wait?condition=}: what ends a wait. */
public enum WaitCondition {
    /** The container is not running (now, or once it stops); the default. */
    NOT_RUNNING,
    /** The container's next exit, even if it is not running now (the docker CLI waits so before a start). */
    NEXT_EXIT,
    /** The container is removed ({@code docker run --rm}). */
    REMOVED;

    /** Docker's wire name ({@code not-running}, {@code next-exit}, {@code removed}); empty or null is the default. */
    public static WaitCondition parse(String name) {
        if (name == null || name.isEmpty()) {
            return NOT_RUNNING;
        }
        return switch (name) {
            case "not-running" -> NOT_RUNNING;
            case "next-exit" -> NEXT_EXIT;
            case "removed" -> REMOVED;
            default -> throw new InvalidArgumentException("wait: invalid condition '" + name
                    + "': want not-running, next-exit or removed");
        };
    }
}
