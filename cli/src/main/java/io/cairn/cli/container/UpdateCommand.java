package io.cairn.cli.container;

import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn update [limits] CONTAINER…}: new memory, CPU and pids limits, applied at once to a
 * running container's cgroup and kept for its next starts.
 */
@Command(name = "update", description = "Update configuration of one or more containers.")
public class UpdateCommand extends ContainerAction {

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Mixin
    ResourceOptions resources = new ResourceOptions();

    @Option(names = "--restart", paramLabel = "POLICY", description = "Restart policy (refused: this Cairn has none).")
    String restart;

    private Map<String, Object> body;

    @Override
    protected int run() {
        body = resources.hostConfig(spec(), false);
        if (restart != null) {
            // sent, so that the daemon's answer (a refusal today) is the one place restart policies are decided
            body.put("RestartPolicy", Map.of("Name", restart));
        }
        if (body.isEmpty()) {
            throw new ParameterException(spec().commandLine(), "you must provide one or more flags when using this command");
        }
        return each(containers);
    }

    @Override
    String act(String c) {
        client().post(path(c) + "/update", body, com.fasterxml.jackson.databind.JsonNode.class);
        return c;
    }
}
