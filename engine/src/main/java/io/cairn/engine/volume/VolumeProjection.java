package io.cairn.engine.volume;

import io.cairn.engine.event.Event;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.state.EventContext;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.Projection;
import io.cairn.engine.state.StateReader;
import io.cairn.engine.state.StateWriter;
import java.util.Set;

/** Volume events → the volumes family. */
public final class VolumeProjection implements Projection {

    private static final Set<Class<? extends Event>> EVENTS = Set.of(VolumeCreated.class, VolumeRemoved.class);

    @Override
    public Set<Class<? extends Event>> events() {
        return EVENTS;
    }

    @Override
    public void apply(Event event, EventContext context, StateReader state, StateWriter out) {
        if (event instanceof VolumeCreated e) {
            out.write(Families.VOLUMES, e.name(), new VolumeRecord(e.name(), e.driver(), e.mountpoint(),
                    context.timeNanos(), e.labels(), e.options()));
        } else if (event instanceof VolumeRemoved e) {
            out.delete(Families.VOLUMES, e.name());
        } else {
            throw new IllegalArgumentException("not a " + getClass().getSimpleName() + " event: "
                    + event.getClass().getSimpleName());
        }
    }
}
