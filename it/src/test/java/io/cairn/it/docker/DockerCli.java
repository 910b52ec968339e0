package io.cairn.it.docker;

import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import io.cairn.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The stock docker CLI against one Cairn root: {@code DOCKER_HOST=unix://<root>/cairn.sock}, its own config dir. */
public final class DockerCli {

    private final Path docker;
    private final Map<String, String> env;

    /**
     * The CLI the suite runs: {@code -Dcairn.docker.cli=PATH} (CI runs the suite once more with
     * Debian's docker.io CLI, API 1.41, this way), else the {@code docker} on the PATH.
     */
    public DockerCli(Cairn cairn, Path config) {
        String chosen = System.getProperty("cairn.docker.cli", "");
        this.docker = chosen.isEmpty() ? Tools.require("docker", "apt-get install -y docker.io (the docker CLI)")
                : Tools.requireFile(Path.of(chosen), "apt-get install -y docker.io (the docker CLI)");
        this.env = Map.of("DOCKER_HOST", "unix://" + cairn.root().resolve("cairn.sock"),
                "DOCKER_CONFIG", config.toString(), "DOCKER_CLI_HINTS", "false");
    }

    public Exec.Result run(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(docker.toString());
        command.addAll(List.of(args));
        return Exec.run(command, env);
    }
}
