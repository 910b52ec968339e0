package io.cairn.engine.feed;

import io.cairn.api.EventMessage;
import io.cairn.api.Filters;
import java.util.Set;

/**
 * Which events a client asked for: Docker's {@code since}/{@code until} (nanoseconds since the epoch,
 * {@code null} when absent) and filters.
 */
public record EventQuery(Long sinceNanos, Long untilNanos, Filters filters) {

    public static final Set<String> FILTERS = Set.of("type", "event", "action", "container", "image", "volume");

    public EventQuery {
        filters.check(FILTERS);
    }

    /** Docker's rule: streaming without {@code since} shows only new events; a bounded query starts at the beginning. */
    public boolean history() {
        return sinceNanos != null || untilNanos != null;
    }

    public boolean matches(EventMessage m) {
        return filters.anyOrAbsent("type", m.type()::equals)
                && filters.anyOrAbsent("event", m.action()::equals)
                && filters.anyOrAbsent("action", m.action()::equals)
                && actorMatches("container", m)
                && actorMatches("image", m)
                && actorMatches("volume", m);
    }

    private boolean actorMatches(String type, EventMessage m) {
        return filters.anyOrAbsent(type, v -> m.type().equals(type)
                && (m.actor().id().equals(v) || v.equals(m.actor().attributes().get("name"))));
    }
}
