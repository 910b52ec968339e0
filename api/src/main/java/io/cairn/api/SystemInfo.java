package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Answer of {@code GET /info}: Docker's field names where Cairn has the fact, Cairn's own after.
 * {@code NEventsListener} counts {@code GET /events} followers (as Docker's does); {@code Followers}
 * counts every follower (events, {@code logs --follow}, {@code wait}) against {@code MaxFollowers}.
 */
public record SystemInfo(@JsonProperty("ID") String id,
                         @JsonProperty("ServerVersion") String serverVersion,
                         @JsonProperty("DockerRootDir") String rootDir,
                         @JsonProperty("Containers") long containers,
                         @JsonProperty("Images") long images,
                         @JsonProperty("Volumes") long volumes,
                         @JsonProperty("Driver") String driver,
                         @JsonProperty("DefaultRuntime") String defaultRuntime,
                         @JsonProperty("RuntimePath") String runtimePath,
                         @JsonProperty("RuntimeVersion") String runtimeVersion,
                         @JsonProperty("KernelVersion") String kernelVersion,
                         @JsonProperty("OperatingSystem") String operatingSystem,
                         @JsonProperty("NCPU") int ncpu,
                         @JsonProperty("MemTotal") long memTotal,
                         @JsonProperty("JournalIndex") long journalIndex,
                         @JsonProperty("LastApplied") long lastApplied,
                         @JsonProperty("Durability") String durability,
                         @JsonProperty("Pid") long pid,
                         @JsonProperty("Halted") String halted,
                         @JsonProperty("NEventsListener") int eventsListeners,
                         @JsonProperty("Followers") int followers,
                         @JsonProperty("MaxFollowers") int maxFollowers) {

    /** The engine's facts; the API server adds its followers ({@link #withFollowers}). */
    public SystemInfo(String id, String serverVersion, String rootDir, long containers, long images, long volumes,
                      String driver, String defaultRuntime, String runtimePath, String runtimeVersion,
                      String kernelVersion, String operatingSystem, int ncpu, long memTotal, long journalIndex,
                      long lastApplied, String durability, long pid, String halted) {
        this(id, serverVersion, rootDir, containers, images, volumes, driver, defaultRuntime, runtimePath,
                runtimeVersion, kernelVersion, operatingSystem, ncpu, memTotal, journalIndex, lastApplied, durability,
                pid, halted, 0, 0, 0);
    }

    public SystemInfo withFollowers(int eventsListeners, int followers, int maxFollowers) {
        return new SystemInfo(id, serverVersion, rootDir, containers, images, volumes, driver, defaultRuntime,
                runtimePath, runtimeVersion, kernelVersion, operatingSystem, ncpu, memTotal, journalIndex, lastApplied,
                durability, pid, halted, eventsListeners, followers, maxFollowers);
    }
}
