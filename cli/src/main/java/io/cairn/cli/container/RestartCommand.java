package io.cairn.cli.container;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn restart [-t N] CONTAINER…}: stop (SIGKILL after N seconds) and start again. */
@Command(name = "restart", description = "Restart one or more containers.")
public class RestartCommand extends ContainerAction {

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Option(names = {"-t", "--time"}, defaultValue = "10", paramLabel = "N", description = "Seconds to wait before killing it.")
    int time;

    @Override
    protected int run() {
        return each(containers);
    }

    @Override
    String act(String c) {
        client().post(path(c) + "/restart?t=" + time, null, com.fasterxml.jackson.databind.JsonNode.class);
        return c;
    }
}
