package io.cairn.cli.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.output.Format;
import io.cairn.cli.output.Table;
import io.cairn.cli.output.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn system df}: disk usage per type, Docker's table. */
@Command(name = "df", description = "Show disk usage.")
public final class SystemDf extends ClientCommand {

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json.")
    String format;

    @Override
    protected int run() {
        Format f = Format.parse(format, this);
        JsonNode df = client().get("/system/df");
        if (f == Format.JSON) {
            out().println(df.toString());
            return 0;
        }
        Table table = new Table("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE");
        images(table, df);
        containers(table, df.path("Containers"));
        volumes(table, df.path("Volumes"));
        cache(table, df.path("BuildCache"));
        table.print(out());
        return 0;
    }

    /**
     * Docker's sums: an image is active when a container uses it; the images' size is the layers'
     * (shared ones once), and what is reclaimable is what the unused images do not share.
     */
    private static void images(Table table, JsonNode df) {
        long active = 0;
        long reclaimable = 0;
        for (JsonNode i : df.path("Images")) {
            if (i.path("Containers").asLong() > 0) {
                active++;
            } else {
                reclaimable += i.path("Size").asLong() - Math.max(0, i.path("SharedSize").asLong());
            }
        }
        row(table, "Images", df.path("Images").size(), active, df.path("LayersSize").asLong(), reclaimable);
    }

    private static void containers(Table table, JsonNode list) {
        long active = 0;
        long size = 0;
        long reclaimable = 0;
        for (JsonNode c : list) {
            long rw = c.path("SizeRw").asLong();
            size += rw;
            if (c.path("State").asText().equals("running") || c.path("State").asText().equals("paused")) {
                active++;
            } else {
                reclaimable += rw;
            }
        }
        row(table, "Containers", list.size(), active, size, reclaimable);
    }

    private static void volumes(Table table, JsonNode list) {
        long active = 0;
        long size = 0;
        long reclaimable = 0;
        for (JsonNode v : list) {
            long bytes = Math.max(0, v.path("UsageData").path("Size").asLong());
            size += bytes;
            if (v.path("UsageData").path("RefCount").asLong() > 0) {
                active++;
            } else {
                reclaimable += bytes;
            }
        }
        row(table, "Local Volumes", list.size(), active, size, reclaimable);
    }

    private static void cache(Table table, JsonNode list) {
        long active = 0;
        long size = 0;
        long reclaimable = 0;
        for (JsonNode b : list) {
            long bytes = b.path("Size").asLong();
            size += bytes;
            if (b.path("InUse").asBoolean()) {
                active++;
            } else if (!b.path("Shared").asBoolean()) {
                reclaimable += bytes;
            }
        }
        row(table, "Build Cache", list.size(), active, size, reclaimable);
    }

    private static void row(Table table, String type, long total, long active, long size, long reclaimable) {
        String percent = size > 0 ? " (" + (100 * reclaimable / size) + "%)" : "";
        table.row(type, Long.toString(total), Long.toString(active), Units.humanSize(size),
                Units.humanSize(reclaimable) + percent);
    }
}
