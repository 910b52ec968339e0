package io.cairn.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Answer of {@code GET /info}: Docker's field names where Cairn has the fact, Cairn's own after.
 * {@code ID} is the engine's stable identity (made once, kept in its root), as Docker's is.
 * {@code NEventsListener} counts {@code GET /events} followers (as Docker's does); {@code Followers}
 * counts every follower (events, {@code logs --follow}, {@code wait}) against {@code MaxFollowers}.
 * {@code Warnings}, as Docker's, are for the operator (the docker CLI prints each as {@code WARNING:}):
 * Cairn's say what its journal audit found damaged.
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
                         @JsonIgnore DockerHost host,
                         @JsonProperty("NEventsListener") int eventsListeners,
                         @JsonProperty("Followers") int followers,
                         @JsonProperty("MaxFollowers") int maxFollowers,
                         @JsonProperty("Warnings") List<String> warnings) {

    public SystemInfo {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** {@link #host}'s fields, flat beside the others as in Docker's answer. */
    @JsonAnyGetter
    public Map<String, Object> dockerFields() {
        return host == null ? Map.of() : host.asMap();
    }

    /**
     * The facts of {@code docker info} that Cairn has only to answer Docker's clients: the per-state
     * container counts, the runtimes, the cgroup driver and version, the security options, and the
     * daemon's clock ({@code SystemTime}, RFC 3339: clients take {@code events --since} from it).
     */
    public record DockerHost(long running, long paused, long stopped, String name, String architecture,
                             String cgroupDriver, String cgroupVersion, List<String> securityOptions,
                             Map<String, Map<String, String>> runtimes, String systemTime) {

        /** Docker's names and values, with {@code Swarm} inactive and {@code OSType} linux, as the docker CLI reads them. */
        public Map<String, Object> asMap() {
            return Map.ofEntries(
                    Map.entry("ContainersRunning", running), Map.entry("ContainersPaused", paused),
                    Map.entry("ContainersStopped", stopped), Map.entry("Name", name),
                    Map.entry("Architecture", architecture), Map.entry("OSType", "linux"),
                    Map.entry("CgroupDriver", cgroupDriver), Map.entry("CgroupVersion", cgroupVersion),
                    Map.entry("SecurityOptions", securityOptions), Map.entry("Runtimes", runtimes),
                    Map.entry("SystemTime", systemTime), Map.entry("LoggingDriver", "k8s-file"), Map.entry("Experimental", false),
                    Map.entry("Plugins", Map.of("Volume", List.of("local"), "Network", List.of("host", "none"),
                            "Log", List.of("k8s-file"))),
                    Map.entry("Swarm", Map.of("LocalNodeState", "inactive", "NodeID", "", "NodeAddr", "",
                            "ControlAvailable", false, "Error", "", "RemoteManagers", List.of())));
        }
    }

    /** The engine's facts; the API server adds its followers ({@link #withFollowers}). */
    public SystemInfo(String id, String serverVersion, String rootDir, long containers, long images, long volumes,
                      String driver, String defaultRuntime, String runtimePath, String runtimeVersion,
                      String kernelVersion, String operatingSystem, int ncpu, long memTotal, long journalIndex,
                      long lastApplied, String durability, long pid, String halted, DockerHost host,
                      List<String> warnings) {
        this(id, serverVersion, rootDir, containers, images, volumes, driver, defaultRuntime, runtimePath,
                runtimeVersion, kernelVersion, operatingSystem, ncpu, memTotal, journalIndex, lastApplied, durability,
                pid, halted, host, 0, 0, 0, warnings);
    }

    public SystemInfo withFollowers(int eventsListeners, int followers, int maxFollowers) {
        return new SystemInfo(id, serverVersion, rootDir, containers, images, volumes, driver, defaultRuntime,
                runtimePath, runtimeVersion, kernelVersion, operatingSystem, ncpu, memTotal, journalIndex, lastApplied,
                durability, pid, halted, host, eventsListeners, followers, maxFollowers, warnings);
    }
}
