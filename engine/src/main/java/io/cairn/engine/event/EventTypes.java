package io.cairn.engine.event;

import java.util.Map;

/**
 * The journal name and current schema version of every event type. Names are part of the on-disk
 * format: never rename one. A type's version (in {@link #versionOf}) is bumped when its record
 * gains a component whose loss would change what replay rebuilds: an older Cairn, which reads
 * versions up to its own, then refuses the entry by name ("has schema version 2; this Cairn reads
 * versions 1 to 1") instead of dropping the new field unseen. Each bump keeps the older versions
 * readable ({@link EventCodec}: the new components default when absent) and is pinned with a test
 * that decodes the older payload. Types never bumped stay at {@link #VERSION}, so a newer journal
 * stays readable by an older Cairn for every type that did not change.
 */
public final class EventTypes {

    /** The first schema version of every type, and the version of every type never bumped. */
    public static final int VERSION = 1;

    /**
     * Types whose records changed shape since {@link #VERSION}, with their current version:
     * {@code container.create} 2 (its config's {@code resources}, {@code settings}, {@code net} and the
     * settings' {@code consoleSize}: an older Cairn would drop limits, restart policy, ports…);
     * {@code container.update} 2 (its {@code restartPolicy}: {@code update --restart}).
     */
    private static final Map<String, Integer> BUMPED = Map.of(
            "container.create", 2,
            "container.update", 2);

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
            Map.entry(ContainerHealthProbed.class, "container.health-probe"),
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

    /** The schema version this Cairn writes for a journal type name (and the highest it reads). */
    public static int versionOf(String name) {
        return BUMPED.getOrDefault(name, VERSION);
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
