package io.cairn.engine.pipeline;

import io.cairn.engine.event.Event;
import java.util.List;

/**
 * What a {@link Command} decided: the events to journal (possibly none), the caller's result, and an
 * optional effect to run once the events are indexed.
 */
public record Decision<R>(List<Event> events, R result, Effect effect) {

    public Decision {
        events = List.copyOf(events);
    }

    public static <R> Decision<R> of(R result, Event... events) {
        return new Decision<>(List.of(events), result, null);
    }

    public Decision<R> then(String key, Effect.Action action) {
        return new Decision<>(events, result, new Effect(key, action));
    }
}
