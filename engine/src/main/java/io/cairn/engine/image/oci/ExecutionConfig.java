package io.cairn.engine.image.oci;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The config's {@code config} object: how to run a container from the image (OCI "execution
 * parameters", Docker's {@code container.Config} subset kept in images). Field names are Docker's
 * capitalized ones. Every field is {@code null} when absent. {@code exposedPorts} and
 * {@code volumes} are JSON objects whose values are {@code {}} ({@code {"80/tcp":{}}}); here they
 * are sets of their keys. {@code env} entries are {@code KEY=value}.
 */
public record ExecutionConfig(
        @JsonProperty("User") String user,
        @JsonProperty("ExposedPorts") @JsonSerialize(using = KeySetJson.Writer.class)
        @JsonDeserialize(using = KeySetJson.Reader.class) Set<String> exposedPorts,
        @JsonProperty("Env") List<String> env,
        @JsonProperty("Entrypoint") List<String> entrypoint,
        @JsonProperty("Cmd") List<String> cmd,
        @JsonProperty("Volumes") @JsonSerialize(using = KeySetJson.Writer.class)
        @JsonDeserialize(using = KeySetJson.Reader.class) Set<String> volumes,
        @JsonProperty("WorkingDir") String workingDir,
        @JsonProperty("Labels") Map<String, String> labels,
        @JsonProperty("StopSignal") String stopSignal,
        @JsonProperty("Healthcheck") Healthcheck healthcheck,
        @JsonProperty("OnBuild") List<String> onBuild,
        @JsonProperty("Shell") List<String> shell,
        @JsonProperty("ArgsEscaped") Boolean argsEscaped) {

    /** A config with every field absent. */
    public static ExecutionConfig empty() {
        return new ExecutionConfig(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A builder starting from this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few fields of a config (the Dockerfile builder and {@code commit --change} do). */
    public static final class Builder {
        private String user;
        private Set<String> exposedPorts;
        private List<String> env;
        private List<String> entrypoint;
        private List<String> cmd;
        private Set<String> volumes;
        private String workingDir;
        private Map<String, String> labels;
        private String stopSignal;
        private Healthcheck healthcheck;
        private List<String> onBuild;
        private List<String> shell;
        private Boolean argsEscaped;

        private Builder(ExecutionConfig c) {
            user = c.user;
            exposedPorts = c.exposedPorts;
            env = c.env;
            entrypoint = c.entrypoint;
            cmd = c.cmd;
            volumes = c.volumes;
            workingDir = c.workingDir;
            labels = c.labels;
            stopSignal = c.stopSignal;
            healthcheck = c.healthcheck;
            onBuild = c.onBuild;
            shell = c.shell;
            argsEscaped = c.argsEscaped;
        }

        public Builder user(String v) { user = v; return this; }
        public Builder exposedPorts(Set<String> v) { exposedPorts = v; return this; }
        public Builder env(List<String> v) { env = v; return this; }
        public Builder entrypoint(List<String> v) { entrypoint = v; return this; }
        public Builder cmd(List<String> v) { cmd = v; return this; }
        public Builder volumes(Set<String> v) { volumes = v; return this; }
        public Builder workingDir(String v) { workingDir = v; return this; }
        public Builder labels(Map<String, String> v) { labels = v; return this; }
        public Builder stopSignal(String v) { stopSignal = v; return this; }
        public Builder healthcheck(Healthcheck v) { healthcheck = v; return this; }
        public Builder onBuild(List<String> v) { onBuild = v; return this; }
        public Builder shell(List<String> v) { shell = v; return this; }
        public Builder argsEscaped(Boolean v) { argsEscaped = v; return this; }

        public ExecutionConfig build() {
            return new ExecutionConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels,
                    stopSignal, healthcheck, onBuild, shell, argsEscaped);
        }
    }
}
