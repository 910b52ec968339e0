package io.cairn.cli.build;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.output.Prompt;
import io.cairn.cli.output.PruneReport;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn builder prune [-a] [-f]}: drops the build cache, its entries (the images they name stay
 * until {@code image prune}) and the cache mounts no build is using; asks first unless {@code -f}.
 */
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
            String warning = all ? "WARNING! This will remove all build cache."
                    : "WARNING! This will remove all dangling build cache.";
            if (!force && !Prompt.confirm(warning, err())) {
                return 0;
            }
            JsonNode report = client().post("/build/prune", null, JsonNode.class);
            List<String> lines = new ArrayList<>();
            report.path("CachesDeleted").forEach(k -> lines.add(k.asText()));
            PruneReport.print(out(), "Deleted build cache objects:", lines, report.path("SpaceReclaimed").asLong());
            return 0;
        }
    }
}
