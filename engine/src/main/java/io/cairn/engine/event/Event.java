package io.cairn.engine.event;

/**
 * A fact Cairn has decided: the only thing written to the journal and the only input of the
 * indexes. Events are immutable records carrying resolved values (names, digests, exit codes), never
 * requests, so that replaying them needs no decision and repeats no side effect ("replay from the
 * output, not the input"). Each type has a stable journal name and schema version, see
 * {@link EventTypes}.
 */
public sealed interface Event permits VolumeCreated, VolumeRemoved, DaemonStarted, DaemonStopped,
        BlobStored, BlobRemoved, LayerRegistered, LayerReleased, ImageCreated, ImageDeleted, ImageTagged,
        ImageUntagged, ImagePulled, LayerDistributed, ContainerCreated, ContainerStarting, ContainerStarted, ContainerDied, ContainerKilled, ContainerStopped,
        ContainerCommitted, ContainerRemoved, ContainerPaused, ContainerUnpaused, ContainerRenamed, ContainerUpdated,
        ContainerOomKilled, ContainerRestarted, ContainerRestartScheduled, ContainerStopRequested,
        ContainerHealthChanged, ContainerHealthProbed,
        ExecCreated, ExecStarted, ExecDied,
        BuildStarted, BuildStepCompleted, BuildCacheStored, BuildCompleted, BuildFailed, BuildCachePruned,
        NetworkCreated, NetworkRemoved, NetworkConnected, NetworkDisconnected, EndpointsAllocated, EndpointsReleased {
}
