package io.cairn.cli.it.docker;

import io.cairn.cli.it.Cairn;
import io.cairn.cli.it.Exec;
import io.cairn.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The stock docker CLI against one Cairn root: {@code DOCKER_HOST=unix://<root>/cairn.sock}, its own config dir. */
public final class DockerCli {

    private final Path docker;
    private final Map<String, String> env;

    public DockerCli(Cairn cairn, Path config) {
        this.docker = Tools.require("docker", "apt-get install -y docker.io (the docker CLI)");
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
