package io.cairn.cli.container;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn unpause CONTAINER…} (the cgroup freezer). */
@Command(name = "unpause", description = "Unpause all processes within one or more containers.")
public class UnpauseCommand extends ContainerAction {

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    protected int run() {
        return each(containers);
    }

    @Override
    String act(String c) {
        client().post(path(c) + "/unpause", null, com.fasterxml.jackson.databind.JsonNode.class);
        return c;
    }
}
