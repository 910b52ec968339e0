package io.cairn.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.engine.Projections;
import io.cairn.engine.event.DaemonStarted;
import io.cairn.engine.event.DaemonStopped;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProjectorTest {

    /** Owns the given types and records what it is given. */
    private static final class Recording implements Projection {
        final List<Event> applied = new ArrayList<>();
        private final Set<Class<? extends Event>> types;

        Recording(Set<Class<? extends Event>> types) {
            this.types = types;
        }

        @Override
        public Set<Class<? extends Event>> events() {
            return types;
        }

        @Override
        public void apply(Event event, EventContext context, StateReader state, StateWriter out) {
            applied.add(event);
        }
    }

    private static Set<Class<? extends Event>> allBut(Class<?>... left) {
        Set<Class<? extends Event>> types = new java.util.HashSet<>(EventTypes.all());
        List.of(left).forEach(types::remove);
        return types;
    }

    @Test
    void theEngineListCoversEveryEventTypeOnce() {
        Projections.all(); // the constructor refuses a gap or a double claim
    }

    @Test
    void anEventTypeWithoutAProjectionIsRefusedWhenTheProjectorIsMadeNotAtItsFirstEvent() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Projector(List.of(
                new Recording(allBut(DaemonStarted.class, DaemonStopped.class)))));
        assertEquals("no projection for [DaemonStarted, DaemonStopped]", e.getMessage());
    }

    @Test
    void twoProjectionsClaimingOneTypeAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Projector(List.of(
                new Recording(EventTypes.all()), Projection.auditOnly(DaemonStopped.class))));
        assertEquals("two projections claim DaemonStopped", e.getMessage());
    }

    @Test
    void eachEventGoesToTheProjectionThatOwnsItsType() {
        Recording daemon = new Recording(Set.of(DaemonStarted.class, DaemonStopped.class));
        Recording rest = new Recording(allBut(DaemonStarted.class, DaemonStopped.class));
        Projector projector = new Projector(List.of(rest, daemon));
        DaemonStopped stop = new DaemonStopped(1);
        projector.apply(stop, new EventContext(0, 0), null, null);
        assertEquals(List.of(stop), daemon.applied);
        assertEquals(List.of(), rest.applied);
    }
}
