package io.cairn.cli.journal;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.ClientCommand;
import picocli.CommandLine.Command;

/**
 * {@code cairn journal rebuild}: replays the whole journal into an empty index and swaps it in;
 * prints the state digest before and after and exits 1 when they differ.
 */
@Command(name = "rebuild", description = "Rebuild every index from the journal and compare state digests.")
public final class JournalRebuild extends ClientCommand {

    @Override
    protected int run() {
        JsonNode r = client().post("/cairn/journal/rebuild", null, JsonNode.class);
        double seconds = r.path("Seconds").asDouble();
        long entries = r.path("Entries").asLong();
        out().println("before: " + r.path("Before").asText());
        out().println("after:  " + r.path("After").asText());
        out().printf("replayed %d entries in %.3f s (%.0f entries/s)%n", entries, seconds,
                seconds > 0 ? entries / seconds : 0.0);
        boolean same = r.path("Before").asText().equals(r.path("After").asText());
        if (!same) {
            err().println("Error: the rebuilt index differs from the live one; the rebuilt one (from the journal) is now live");
        }
        return same ? 0 : 1;
    }
}
