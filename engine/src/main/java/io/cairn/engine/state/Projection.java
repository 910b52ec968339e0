package io.cairn.engine.state;

import io.cairn.engine.event.Event;
import java.util.Set;

/**
 * One domain's part of the {@link Projector}: the event types it owns and how each changes the
 * index. The state package owns this contract so that it depends on no domain; each domain
 * (containers, images, the build cache, volumes) implements it beside its records, and the
 * composition root hands the full list to the projector.
 *
 * <p>A projection must be deterministic: it may read {@code state} and the {@link EventContext},
 * never the clock, the disk or the environment, so that replaying the journal reproduces the live
 * index exactly.
 */
public interface Projection {

    /** The event types this projection applies; every type has exactly one owner. */
    Set<Class<? extends Event>> events();

    /**
     * Writes what {@code event}, one of {@link #events()}'s types, changes; {@code state} shows the
     * index as the events before it left it.
     */
    void apply(Event event, EventContext context, StateReader state, StateWriter out);

    /**
     * A projection for audit events, which change no index record: the journal entry is the whole
     * record.
     */
    @SafeVarargs
    static Projection auditOnly(Class<? extends Event>... types) {
        Set<Class<? extends Event>> owned = Set.of(types);
        return new Projection() {
            @Override
            public Set<Class<? extends Event>> events() {
                return owned;
            }

            @Override
            public void apply(Event event, EventContext context, StateReader state, StateWriter out) {
                // audit only
            }
        };
    }
}
