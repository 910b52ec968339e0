package io.cairn.engine.feed;

import io.cairn.api.EventMessage;
import io.cairn.engine.build.BuildEventMessages;
import io.cairn.engine.event.BlobRemoved;
import io.cairn.engine.event.BlobStored;
import io.cairn.engine.event.ContainerCommitted;
import io.cairn.engine.event.ContainerCreated;
import io.cairn.engine.event.ContainerDied;
import io.cairn.engine.event.ContainerKilled;
import io.cairn.engine.event.ContainerRemoved;
import io.cairn.engine.event.ContainerHealthChanged;
import io.cairn.engine.event.ContainerRestartScheduled;
import io.cairn.engine.event.ContainerStopRequested;
import io.cairn.engine.event.ContainerStarted;
import io.cairn.engine.event.ContainerStarting;
import io.cairn.engine.event.ContainerStopped;
import io.cairn.engine.event.ContainerOomKilled;
import io.cairn.engine.event.ContainerPaused;
import io.cairn.engine.event.ContainerRenamed;
import io.cairn.engine.event.ContainerRestarted;
import io.cairn.engine.event.ContainerUnpaused;
import io.cairn.engine.event.ContainerUpdated;
import io.cairn.engine.event.DaemonStarted;
import io.cairn.engine.event.ImageCreated;
import io.cairn.engine.event.ImageDeleted;
import io.cairn.engine.event.ImagePulled;
import io.cairn.engine.event.LayerDistributed;
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

    /** Which object an event is about, what happened to it, and what else Docker reports. */
    private record Described(String type, String action, EventMessage.Actor actor) {
        Described(String type, String action, String id, Map<String, String> attributes) {
            this(type, action, new EventMessage.Actor(id, attributes));
        }
    }

    /**
     * Every message an entry stands for: one, except a health probe's, which stands for Docker's
     * three ({@code exec_create}, {@code exec_start} at the probe's start, {@code exec_die} at its
     * end): a probe journals one entry, not three (see {@link io.cairn.engine.event.ContainerHealthProbed}).
     */
    public static java.util.List<EventMessage> all(JournalEntry entry, Event event) {
        if (event instanceof io.cairn.engine.event.ContainerHealthProbed p) {
            String argv = String.join(" ", p.argv());
            Map<String, String> exec = Map.of("execID", p.execId());
            return java.util.List.of(
                    message(entry, p.startNanos(), new Described("container", "exec_create: " + argv, p.id(), exec)),
                    message(entry, p.startNanos(), new Described("container", "exec_start: " + argv, p.id(), exec)),
                    message(entry, entry.timeNanos(), new Described("container", "exec_die", p.id(), Map.of(
                            "execID", p.execId(), "exitCode", Integer.toString(p.exitCode())))));
        }
        return java.util.List.of(of(entry, event));
    }

    private static EventMessage message(JournalEntry entry, long nanos, Described d) {
        return new EventMessage(d.type(), d.action(), d.actor(), "local", Math.floorDiv(nanos, 1_000_000_000L), nanos,
                entry.index(), entry.uid());
    }

    public static EventMessage of(JournalEntry entry, Event event) {
        Described d = describe(event);
        long nanos = entry.timeNanos();
        return new EventMessage(d.type(), d.action(), d.actor(), "local", Math.floorDiv(nanos, 1_000_000_000L), nanos,
                entry.index(), entry.uid());
    }

    private static Described describe(Event event) {
        if (event instanceof VolumeCreated e) {
            return new Described("volume", "create", e.name(), Map.of("driver", e.driver()));
        } else if (event instanceof VolumeRemoved e) {
            return new Described("volume", "destroy", e.name(), Map.of("driver", "local"));
        } else if (event instanceof DaemonStarted e) {
            return new Described("daemon", "start", "cairn", Map.of("pid", Long.toString(e.pid()), "version", e.version()));
        } else if (event instanceof DaemonStopped e) {
            return new Described("daemon", "stop", "cairn", Map.of("pid", Long.toString(e.pid())));
        } else if (event instanceof ImageCreated e) {
            // a pull is reported once, by its image.pull event; the image it made is a create
            return new Described("image", e.action().equals("pull") ? "create" : e.action(), e.id(),
                    Map.of("layers", Integer.toString(e.layers().size())));
        } else if (event instanceof ImageTagged e) {
            return new Described("image", "tag", e.id(), Map.of("name", ImageNames.familiar(e.reference())));
        } else if (event instanceof ImageUntagged e) {
            return new Described("image", "untag", e.id(), Map.of("name", ImageNames.familiar(e.reference())));
        } else if (event instanceof LayerDistributed e) {
            return new Described("layer", "distribute", e.diffId(), Map.of("digest", e.digest(), "compression",
                    e.compression(), "repository", e.repository()));
        } else if (event instanceof ImagePulled e) {
            return new Described("image", "pull", ImageNames.familiar(e.reference()), Map.of("name",
                    ImageNames.familiar(e.reference()), "registry", e.registry(), "digest", e.manifestDigest(),
                    "platform", e.platform(), "imageID", e.id()));
        } else if (event instanceof ImageDeleted e) {
            return new Described("image", "delete", e.id(), Map.of());
        } else if (event instanceof LayerRegistered e) {
            return new Described("layer", "register", e.chainId(), Map.of("diffID", e.diffId(), "size",
                    Long.toString(e.size())));
        } else if (event instanceof LayerReleased e) {
            return new Described("layer", "release", e.chainId(), Map.of());
        } else if (event instanceof BlobStored e) {
            return new Described("blob", "store", e.digest(), Map.of("mediaType", e.mediaType(), "size",
                    Long.toString(e.size())));
        } else if (event instanceof BlobRemoved e) {
            return new Described("blob", "remove", e.digest(), Map.of());
        } else if (event instanceof ContainerCreated e) {
            return new Described("container", "create", e.id(), Map.of("name", e.name(), "image", e.config().image()));
        } else if (event instanceof ContainerStarting e) {
            return new Described("container", "starting", e.id(), Map.of());
        } else if (event instanceof ContainerStarted e) {
            return new Described("container", "start", e.id(), Map.of("pid", Long.toString(e.pid())));
        } else if (event instanceof ContainerDied e) {
            return new Described("container", "die", e.id(), Map.of("exitCode", Integer.toString(e.exitCode())));
        } else if (event instanceof ContainerKilled e) {
            return new Described("container", "kill", e.id(), Map.of("signal", Integer.toString(e.signal())));
        } else if (event instanceof ContainerStopped e) {
            return new Described("container", "stop", e.id(), Map.of());
        } else if (event instanceof ContainerCommitted e) {
            return new Described("container", "commit", e.id(), Map.of("imageID", e.imageId()));
        } else if (event instanceof ContainerRemoved e) {
            return new Described("container", "destroy", e.id(), Map.of());
        } else if (event instanceof ContainerPaused e) {
            return new Described("container", "pause", e.id(), Map.of());
        } else if (event instanceof ContainerUnpaused e) {
            return new Described("container", "unpause", e.id(), Map.of());
        } else if (event instanceof ContainerRenamed e) {
            return new Described("container", "rename", e.id(), Map.of("oldName", "/" + e.oldName(), "name", e.newName()));
        } else if (event instanceof ContainerUpdated e) {
            return new Described("container", "update", e.id(), Map.of());
        } else if (event instanceof ContainerOomKilled e) {
            return new Described("container", "oom", e.id(), Map.of());
        } else if (event instanceof ContainerRestarted e) {
            return new Described("container", "restart", e.id(), Map.of());
        } else if (event instanceof ContainerRestartScheduled e) {
            return new Described("container", "restart-scheduled", e.id(), Map.of("restartCount",
                    Integer.toString(e.restartCount()), "delayMillis", Long.toString(e.delayMillis())));
        } else if (event instanceof ContainerHealthChanged e) {
            return new Described("container", "health_status: " + e.status(), e.id(), Map.of());
        } else if (event instanceof io.cairn.engine.event.ContainerHealthProbed e) {
            // its last message; all() gives the three
            return new Described("container", "exec_die", e.id(), Map.of("execID", e.execId(),
                    "exitCode", Integer.toString(e.exitCode())));
        } else if (event instanceof ContainerStopRequested e) {
            return new Described("container", "stop-requested", e.id(), Map.of());
        } else if (event instanceof io.cairn.engine.event.ExecCreated e) {
            // Docker's action names: "exec_create: CMD", "exec_start: CMD", "exec_die"
            return new Described("container", "exec_create: " + String.join(" ", e.argv()), e.containerId(),
                    Map.of("execID", e.execId()));
        } else if (event instanceof io.cairn.engine.event.ExecStarted e) {
            return new Described("container", "exec_start: " + String.join(" ", e.argv()), e.containerId(),
                    Map.of("execID", e.execId()));
        } else if (event instanceof io.cairn.engine.event.ExecDied e) {
            return new Described("container", "exec_die", e.containerId(), Map.of("execID", e.execId(),
                    "exitCode", Integer.toString(e.exitCode())));
        } else if (event instanceof io.cairn.engine.event.NetworkCreated e) {
            return new Described("network", "create", e.id(), Map.of("name", e.name(), "type", e.driver()));
        } else if (event instanceof io.cairn.engine.event.NetworkRemoved e) {
            return new Described("network", "destroy", e.id(), Map.of());
        } else if (event instanceof io.cairn.engine.event.NetworkConnected e) {
            return new Described("network", "connect", e.networkId(), Map.of("container", e.containerId()));
        } else if (event instanceof io.cairn.engine.event.NetworkDisconnected e) {
            return new Described("network", "disconnect", e.networkId(), Map.of("container", e.containerId()));
        } else if (event instanceof io.cairn.engine.event.EndpointsAllocated e) {
            return new Described("network", "allocate", e.containerId(), Map.of("name", e.containerName()));
        } else if (event instanceof io.cairn.engine.event.EndpointsReleased e) {
            return new Described("network", "release", e.containerId(), Map.of());
        } else if (BuildEventMessages.handles(event)) {
            return new Described("builder", BuildEventMessages.action(event), BuildEventMessages.actor(event));
        }
        throw new IllegalStateException("no event message for " + event.getClass().getSimpleName());
    }
}
