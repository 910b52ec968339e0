package io.cairn.engine.state;

import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one function from events to index changes, used by the live pipeline and by replay alike, so
 * that replaying the journal into an empty index reproduces the live index exactly. It dispatches
 * each event to the {@link Projection} that owns its type; the domains register those, so this
 * package knows no domain.
 */
public final class Projector {

    private final Map<Class<? extends Event>, Projection> owners = new HashMap<>();

    /**
     * @throws IllegalArgumentException when two projections claim one event type, or when a known
     *                                  event type ({@link EventTypes#all()}) has none: a journal
     *                                  entry of that type could not be replayed
     */
    public Projector(Collection<? extends Projection> projections) {
        for (Projection p : projections) {
            for (Class<? extends Event> type : p.events()) {
                if (owners.putIfAbsent(type, p) != null) {
                    throw new IllegalArgumentException("two projections claim " + type.getSimpleName());
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Class<? extends Event> type : EventTypes.all()) {
            if (!owners.containsKey(type)) {
                missing.add(type.getSimpleName());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no projection for " + new TreeSet<>(missing));
        }
    }

    public void apply(Event event, EventContext context, StateReader state, StateWriter out) {
        Projection owner = owners.get(event.getClass());
        if (owner == null) {
            throw new IllegalStateException("no projection for " + event.getClass().getSimpleName());
        }
        owner.apply(event, context, state, out);
    }
}
