package io.cairn.cli.build;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.ClientCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn builder prune [-f]}: drops the build cache (the images it names stay until pruned). */
@Command(name = "builder", description = "Manage builds.", subcommands = BuilderCommand.Prune.class)
public final class BuilderCommand {

    /** Public no-arg constructor: registered as a top-level command. */
    public BuilderCommand() {
    }

    /** {@code builder prune}: Docker prints the deleted cache entries and the space reclaimed. */
    @Command(name = "prune", description = "Remove build cache.")
    public static final class Prune extends ClientCommand {

        @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation.")
        boolean force;

        @Option(names = {"-a", "--all"}, description = "Remove all build cache (the default: Cairn keeps no other kind).")
        boolean all;

        @Override
        protected int run() {
            JsonNode report = client().post("/build/prune", null, JsonNode.class);
            JsonNode deleted = report.path("CachesDeleted");
            if (deleted.size() > 0) {
                out().println("Deleted build cache objects:");
                deleted.forEach(k -> out().println(k.asText()));
            }
            out().println("Total reclaimed space: 0B");
            return 0;
        }
    }
}
