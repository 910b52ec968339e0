package io.cairn.engine.events;

import io.cairn.engine.api.EventMessage;
import io.cairn.engine.build.BuildEventMessages;
import io.cairn.engine.event.BlobRemoved;
import io.cairn.engine.event.BlobStored;
import io.cairn.engine.event.ContainerCommitted;
import io.cairn.engine.event.ContainerCreated;
import io.cairn.engine.event.ContainerDied;
import io.cairn.engine.event.ContainerKilled;
import io.cairn.engine.event.ContainerRemoved;
import io.cairn.engine.event.ContainerStarted;
import io.cairn.engine.event.ContainerStopped;
import io.cairn.engine.event.DaemonStarted;
import io.cairn.engine.event.ImageCreated;
import io.cairn.engine.event.ImageDeleted;
import io.cairn.engine.event.ImageTagged;
import io.cairn.engine.event.ImageUntagged;
import io.cairn.engine.event.LayerRegistered;
import io.cairn.engine.event.LayerReleased;
import io.cairn.engine.event.DaemonStopped;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.image.ImageNames;
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
        } else if (event instanceof ImageCreated e) {
            type = "image";
            action = e.action();
            actor = new EventMessage.Actor(e.id(), Map.of("layers", Integer.toString(e.layers().size())));
        } else if (event instanceof ImageTagged e) {
            type = "image";
            action = "tag";
            actor = new EventMessage.Actor(e.id(), Map.of("name", ImageNames.familiar(e.reference())));
        } else if (event instanceof ImageUntagged e) {
            type = "image";
            action = "untag";
            actor = new EventMessage.Actor(e.id(), Map.of("name", ImageNames.familiar(e.reference())));
        } else if (event instanceof ImageDeleted e) {
            type = "image";
            action = "delete";
            actor = new EventMessage.Actor(e.id(), Map.of());
        } else if (event instanceof LayerRegistered e) {
            type = "layer";
            action = "register";
            actor = new EventMessage.Actor(e.chainId(), Map.of("diffID", e.diffId(), "size", Long.toString(e.size())));
        } else if (event instanceof LayerReleased e) {
            type = "layer";
            action = "release";
            actor = new EventMessage.Actor(e.chainId(), Map.of());
        } else if (event instanceof BlobStored e) {
            type = "blob";
            action = "store";
            actor = new EventMessage.Actor(e.digest(), Map.of("mediaType", e.mediaType(), "size", Long.toString(e.size())));
        } else if (event instanceof BlobRemoved e) {
            type = "blob";
            action = "remove";
            actor = new EventMessage.Actor(e.digest(), Map.of());
        } else if (event instanceof ContainerCreated e) {
            type = "container";
            action = "create";
            actor = new EventMessage.Actor(e.id(), Map.of("name", e.name(), "image", e.config().image()));
        } else if (event instanceof ContainerStarted e) {
            type = "container";
            action = "start";
            actor = new EventMessage.Actor(e.id(), Map.of("pid", Long.toString(e.pid())));
        } else if (event instanceof ContainerDied e) {
            type = "container";
            action = "die";
            actor = new EventMessage.Actor(e.id(), Map.of("exitCode", Integer.toString(e.exitCode())));
        } else if (event instanceof ContainerKilled e) {
            type = "container";
            action = "kill";
            actor = new EventMessage.Actor(e.id(), Map.of("signal", Integer.toString(e.signal())));
        } else if (event instanceof ContainerStopped e) {
            type = "container";
            action = "stop";
            actor = new EventMessage.Actor(e.id(), Map.of());
        } else if (event instanceof ContainerCommitted e) {
            type = "container";
            action = "commit";
            actor = new EventMessage.Actor(e.id(), Map.of("imageID", e.imageId()));
        } else if (event instanceof ContainerRemoved e) {
            type = "container";
            action = "destroy";
            actor = new EventMessage.Actor(e.id(), Map.of());
        } else if (BuildEventMessages.handles(event)) {
            type = "builder";
            action = BuildEventMessages.action(event);
            actor = BuildEventMessages.actor(event);
        } else {
            throw new IllegalStateException("no event message for " + event.getClass().getSimpleName());
        }
        long nanos = entry.timeNanos();
        return new EventMessage(type, action, actor, "local", Math.floorDiv(nanos, 1_000_000_000L), nanos,
                entry.index(), entry.uid());
    }
}
