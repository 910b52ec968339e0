package io.cairn.cli.container;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn update [limits] [--restart POLICY] CONTAINER…}: new memory, CPU and pids limits,
 * applied at once to a running container's cgroup and kept for its next starts; a new restart
 * policy, obeyed from the process's next exit (refused, as Docker does, on an {@code --rm} container).
 */
@Command(name = "update", description = "Update configuration of one or more containers.")
public class UpdateCommand extends ContainerAction {

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Mixin
    ResourceOptions resources = new ResourceOptions();

    @Option(names = "--restart", paramLabel = "POLICY", description = "Restart policy to apply when a container exits: no, on-failure[:max-retries], always, unless-stopped.")
    String restart;

    private Map<String, Object> body;

    @Override
    protected int run() {
        body = resources.hostConfig(this, false);
        if (restart != null) {
            if (restart.isEmpty()) {
                throw error("invalid restart policy '': use no,"
                        + " on-failure[:max-retries], always or unless-stopped");
            }
            body.put("RestartPolicy", MoreCreateOptions.restartPolicy(this, restart));
        }
        if (body.isEmpty()) {
            throw error("you must provide one or more flags when using this command");
        }
        return each(containers);
    }

    @Override
    String act(String c) {
        client().post(path(c) + "/update", body, com.fasterxml.jackson.databind.JsonNode.class);
        return c;
    }
}
