package io.cairn.cli.container;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn stop [-t N] CONTAINER…}: the stop signal, then SIGKILL after N seconds (default 10). */
@Command(name = "stop", description = "Stop one or more running containers.")
public class StopCommand extends ContainerAction {

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Option(names = {"-t", "--time"}, paramLabel = "N", description = "Seconds to wait before killing it (default: the container's --stop-timeout, else 10).")
    Integer time;

    @Override
    protected int run() {
        return each(containers);
    }

    @Override
    String act(String c) {
        client().post(path(c) + "/stop" + (time == null ? "" : "?t=" + time), null, com.fasterxml.jackson.databind.JsonNode.class);
        return c;
    }
}
