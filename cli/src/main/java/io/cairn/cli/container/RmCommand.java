package io.cairn.cli.container;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn rm [-f] [-v] CONTAINER…}. */
@Command(name = "rm", description = "Remove one or more containers.")
public class RmCommand extends ContainerAction {

    @Parameters(arity = "1..*", paramLabel = "CONTAINER")
    List<String> containers;

    @Option(names = {"-f", "--force"}, description = "Force the removal of a running container (uses SIGKILL).")
    boolean force;

    @Option(names = {"-v", "--volumes"}, description = "Remove anonymous volumes associated with the container.")
    boolean volumes;

    @Override
    protected int run() {
        return each(containers);
    }

    @Override
    String act(String c) {
        client().delete(path(c) + "?force=" + (force ? 1 : 0) + "&v=" + (volumes ? 1 : 0));
        return c;
    }
}
