package io.cairn.engine.runtime.log;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which lines of a log to return: those at or after {@code since}, then the last {@code tail} of
 * them ({@code logs --since}, {@code --tail N}).
 */
public record LogQuery(Optional<Instant> since, OptionalInt tail) {
    public LogQuery {
        if (tail.isPresent() && tail.getAsInt() < 0) {
            throw new IllegalArgumentException("tail must be ≥ 0, not " + tail.getAsInt());
        }
    }

    public static LogQuery all() {
        return new LogQuery(Optional.empty(), OptionalInt.empty());
    }

    public LogQuery since(Instant t) {
        return new LogQuery(Optional.of(t), tail);
    }

    public LogQuery tail(int n) {
        return new LogQuery(since, OptionalInt.of(n));
    }

    boolean accepts(LogEntry e) {
        return since.isEmpty() || !e.time().isBefore(since.get());
    }
}
