package io.cairn.engine.runtime.log;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which lines of a log to return: those at or after {@code since} and at or before {@code until},
 * then the last {@code tail} of them ({@code logs --since}, {@code --until}, {@code --tail N}).
 */
public record LogQuery(Optional<Instant> since, Optional<Instant> until, OptionalInt tail) {
    public LogQuery {
        if (tail.isPresent() && tail.getAsInt() < 0) {
            throw new IllegalArgumentException("tail must be ≥ 0, not " + tail.getAsInt());
        }
    }

    public static LogQuery all() {
        return new LogQuery(Optional.empty(), Optional.empty(), OptionalInt.empty());
    }

    public LogQuery since(Instant t) {
        return new LogQuery(Optional.of(t), until, tail);
    }

    public LogQuery until(Instant t) {
        return new LogQuery(since, Optional.of(t), tail);
    }

    public LogQuery tail(int n) {
        return new LogQuery(since, until, OptionalInt.of(n));
    }

    boolean accepts(LogEntry e) {
        return (since.isEmpty() || !e.time().isBefore(since.get())) && (until.isEmpty() || !e.time().isAfter(until.get()));
    }

    /** Whether nothing logged from now on can be selected (following ends then, as Docker's does). */
    boolean over() {
        return until.isPresent() && Instant.now().isAfter(until.get());
    }
}
