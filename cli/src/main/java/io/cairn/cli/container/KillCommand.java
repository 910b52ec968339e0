package io.cairn.cli.container;

import io.cairn.cli.client.ApiClient;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn kill [-s SIGNAL] CONTAINER…} (default SIGKILL). */
@Command(name = "kill", description = "Kill one or more running containers.")
public class KillCommand extends ContainerAction {

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Option(names = {"-s", "--signal"}, defaultValue = "KILL", paramLabel = "SIGNAL", description = "Signal to send.")
    String signal;

    @Override
    protected int run() {
        return each(containers);
    }

    @Override
    String act(String c) {
        client().post(path(c) + "/kill?signal=" + ApiClient.encodeQuery(signal), null, com.fasterxml.jackson.databind.JsonNode.class);
        return c;
    }
}
