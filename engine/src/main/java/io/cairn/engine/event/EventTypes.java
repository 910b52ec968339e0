package io.cairn.engine.event;

import java.util.Map;

/**
 * The journal name and current schema version of every event type. Names are part of the on-disk
 * format: never rename one; bump {@link #VERSION} of a type when its record changes shape and teach
 * {@link EventCodec} to read the old version.
 */
public final class EventTypes {

    /** Schema version written for every type today. */
    public static final int VERSION = 1;

    private static final Map<Class<? extends Event>, String> NAMES = Map.ofEntries(
            Map.entry(VolumeCreated.class, "volume.create"),
            Map.entry(VolumeRemoved.class, "volume.destroy"),
            Map.entry(DaemonStarted.class, "daemon.start"),
            Map.entry(DaemonStopped.class, "daemon.stop"),
            Map.entry(BlobStored.class, "blob.store"),
            Map.entry(BlobRemoved.class, "blob.remove"),
            Map.entry(LayerRegistered.class, "layer.register"),
            Map.entry(LayerReleased.class, "layer.release"),
            Map.entry(ImageCreated.class, "image.create"),
            Map.entry(ImageDeleted.class, "image.delete"),
            Map.entry(ImageTagged.class, "image.tag"),
            Map.entry(ImageUntagged.class, "image.untag"),
            Map.entry(ImagePulled.class, "image.pull"),
            Map.entry(LayerDistributed.class, "layer.distribute"),
            Map.entry(ContainerCreated.class, "container.create"),
            Map.entry(ContainerStarting.class, "container.starting"),
            Map.entry(ContainerStarted.class, "container.start"),
            Map.entry(ContainerDied.class, "container.die"),
            Map.entry(ContainerKilled.class, "container.kill"),
            Map.entry(ContainerStopped.class, "container.stop"),
            Map.entry(ContainerCommitted.class, "container.commit"),
            Map.entry(ContainerRemoved.class, "container.destroy"),
            Map.entry(ContainerPaused.class, "container.pause"),
            Map.entry(ContainerUnpaused.class, "container.unpause"),
            Map.entry(ContainerRenamed.class, "container.rename"),
            Map.entry(ContainerUpdated.class, "container.update"),
            Map.entry(ContainerOomKilled.class, "container.oom"),
            Map.entry(ContainerRestarted.class, "container.restart"),
            Map.entry(ContainerRestartScheduled.class, "container.restart-scheduled"),
            Map.entry(ContainerStopRequested.class, "container.stop-requested"),
            Map.entry(ContainerHealthChanged.class, "container.health-status"),
            Map.entry(ExecCreated.class, "exec.create"),
            Map.entry(ExecStarted.class, "exec.start"),
            Map.entry(ExecDied.class, "exec.die"),
            Map.entry(BuildStarted.class, "builder.start"),
            Map.entry(BuildStepCompleted.class, "builder.step"),
            Map.entry(BuildCacheStored.class, "builder.cache"),
            Map.entry(BuildCompleted.class, "builder.complete"),
            Map.entry(BuildFailed.class, "builder.fail"),
            Map.entry(BuildCachePruned.class, "builder.prune"),
            Map.entry(NetworkCreated.class, "network.create"),
            Map.entry(NetworkRemoved.class, "network.destroy"),
            Map.entry(NetworkConnected.class, "network.connect"),
            Map.entry(NetworkDisconnected.class, "network.disconnect"),
            Map.entry(EndpointsAllocated.class, "network.allocate"),
            Map.entry(EndpointsReleased.class, "network.release"));

    private static final Map<String, Class<? extends Event>> CLASSES = invert();

    private EventTypes() {
    }

    public static String nameOf(Event event) {
        return NAMES.get(event.getClass());
    }

    /** The record class for a journal type name, or {@code null} when this Cairn does not know it. */
    public static Class<? extends Event> classOf(String name) {
        return CLASSES.get(name);
    }

    /** Every known event record class. */
    public static java.util.Set<Class<? extends Event>> all() {
        return NAMES.keySet();
    }

    private static Map<String, Class<? extends Event>> invert() {
        var inverted = new java.util.HashMap<String, Class<? extends Event>>();
        NAMES.forEach((type, name) -> inverted.put(name, type));
        return Map.copyOf(inverted);
    }
}
