package io.cairn.cli.container;

import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.output.Times;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn logs [-f] [-t] [--since T] [--tail N] CONTAINER}: stdout and stderr kept apart. */
@Command(name = "logs", description = "Fetch the logs of a container.")
public class LogsCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String container;

    @Option(names = {"-f", "--follow"}, description = "Follow log output.")
    boolean follow;

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps.")
    boolean timestamps;

    @Option(names = "--since", paramLabel = "TIME", description = "Show logs since a timestamp or relative (e.g. 42m).")
    String since;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "all", description = "Number of lines from the end (default all).")
    String tail;

    @Override
    protected int run() {
        StringBuilder query = new StringBuilder();
        query.append("follow=").append(follow ? 1 : 0).append("&timestamps=").append(timestamps ? 1 : 0);
        if (!tail.equals("all")) {
            if (!tail.matches("[0-9]+")) {
                throw error("--tail: expected a number or all, got " + tail);
            }
            query.append("&tail=").append(tail);
        }
        if (since != null) {
            try {
                query.append("&since=").append(Times.toApi("--since", since, Instant.now()));
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }
        String id = client().get(ContainerAction.path(container) + "/json").path("Id").asText();
        new LogStream(client(), id, out(), err()).copy(query.toString());
        return 0;
    }
}
