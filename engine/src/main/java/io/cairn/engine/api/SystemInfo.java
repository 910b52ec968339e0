package io.cairn.engine.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of {@code GET /info}: Docker's field names where Cairn has the fact, Cairn's own after. */
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
                         @JsonProperty("Halted") String halted) {
}
