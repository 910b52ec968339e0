package io.cairn.engine.events;

import io.cairn.engine.api.EventMessage;
import io.cairn.engine.event.DaemonStarted;
import io.cairn.engine.event.DaemonStopped;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.journal.JournalEntry;
import java.util.Map;

/** Maps journaled events to Docker's event messages (type, action, actor). */
public final class EventMessages {

    private EventMessages() {
    }

    public static EventMessage of(JournalEntry entry, Event event) {
        String type;
        String action;
        EventMessage.Actor actor;
        if (event instanceof VolumeCreated e) {
            type = "volume";
            action = "create";
            actor = new EventMessage.Actor(e.name(), Map.of("driver", e.driver()));
        } else if (event instanceof VolumeRemoved e) {
            type = "volume";
            action = "destroy";
            actor = new EventMessage.Actor(e.name(), Map.of("driver", "local"));
        } else if (event instanceof DaemonStarted e) {
            type = "daemon";
            action = "start";
            actor = new EventMessage.Actor("cairn", Map.of("pid", Long.toString(e.pid()), "version", e.version()));
        } else if (event instanceof DaemonStopped e) {
            type = "daemon";
            action = "stop";
            actor = new EventMessage.Actor("cairn", Map.of("pid", Long.toString(e.pid())));
        } else {
            throw new IllegalStateException("no event message for " + event.getClass().getSimpleName());
        }
        long nanos = entry.timeNanos();
        return new EventMessage(type, action, actor, "local", Math.floorDiv(nanos, 1_000_000_000L), nanos,
                entry.index(), entry.uid());
    }
}
