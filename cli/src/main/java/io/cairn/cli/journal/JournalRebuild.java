package io.cairn.cli.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn journal rebuild [--force] [--from-start]}: replays the journal into a new index, from
 * the newest usable snapshot ({@code journal snapshot}) on, or from entry 1 into an empty index
 * ({@code --from-start}, or when no snapshot is usable); prints the state digest before and after and
 * exits 1 when they differ. The rebuilt index replaces the live one when they agree; when they differ
 * only with {@code --force}, otherwise nothing changes. Snapshots passed over are named on stderr.
 */
@Command(name = "rebuild", description = "Rebuild every index from the journal and compare state digests.")
public final class JournalRebuild extends ClientCommand {

    @Option(names = "--force", description = "Swap in the rebuilt index even when it differs from the live one.")
    boolean force;

    @Option(names = "--from-start", description = "Replay from entry 1 into an empty index, ignoring the snapshots.")
    boolean fromStart;

    @Override
    protected int run() {
        String query = (force ? "&force=1" : "") + (fromStart ? "&from-start=1" : "");
        JsonNode r = client().post("/cairn/journal/rebuild" + (query.isEmpty() ? "" : "?" + query.substring(1)), null,
                JsonNode.class);
        r.path("Refused").forEach(p -> err().println("WARNING: " + p.asText()));
        double seconds = r.path("Seconds").asDouble();
        long entries = r.path("Entries").asLong();
        out().println("before: " + r.path("Before").asText());
        out().println("after:  " + r.path("After").asText());
        long snapshot = r.path("FromSnapshot").asLong();
        out().printf("replayed %d entries %s in %.3f s (%.0f entries/s)%n", entries,
                snapshot > 0 ? "after the snapshot at entry " + snapshot : "from entry 1", seconds,
                seconds > 0 ? entries / seconds : 0.0);
        boolean same = r.path("Before").asText().equals(r.path("After").asText());
        if (!same) {
            err().println(r.path("Swapped").asBoolean()
                    ? "Error: the rebuilt index differs from the live one; the rebuilt one (from the journal) is now live (--force)"
                    : "Error: the rebuilt index differs from the live one; the live index is kept (--force swaps in the rebuilt one)");
        }
        return same ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
