package io.cairn.cli.container;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn wait CONTAINER…}: prints each exit code; exits 0 (CLI.md). */
@Command(name = "wait", description = "Block until one or more containers stop, then print their exit codes.")
public class WaitCommand extends ContainerAction {

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Override
    protected int run() {
        return each(containers);
    }

    @Override
    String act(String c) {
        return client().post(path(c) + "/wait", null, com.fasterxml.jackson.databind.JsonNode.class).path("StatusCode").asText();
    }
}
