package io.cairn.cli.container;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn pause CONTAINER…} (the cgroup freezer). */
@Command(name = "pause", description = "Pause all processes within one or more containers.")
public class PauseCommand extends ContainerAction {

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    protected int run() {
        return each(containers);
    }

    @Override
    String act(String c) {
        client().post(path(c) + "/pause", null, com.fasterxml.jackson.databind.JsonNode.class);
        return c;
    }
}
