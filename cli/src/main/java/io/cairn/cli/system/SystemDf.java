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
        Format f = Format.parse(format, spec);
        JsonNode df = client().get("/system/df");
        if (f == Format.JSON) {
            out().println(df.toString());
            return 0;
        }
        Table table = new Table("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE");
        row(table, "Images", df.path("Images"));
        row(table, "Containers", df.path("Containers"));
        row(table, "Local Volumes", df.path("Volumes"));
        row(table, "Build Cache", df.path("BuildCache"));
        table.print(out());
        return 0;
    }

    private static void row(Table table, String type, JsonNode u) {
        long size = u.path("Size").asLong();
        long reclaimable = u.path("Reclaimable").asLong();
        String percent = size > 0 ? " (" + (100 * reclaimable / size) + "%)" : "";
        table.row(type, Long.toString(u.path("Total").asLong()), Long.toString(u.path("Active").asLong()),
                Units.humanSize(size), Units.humanSize(reclaimable) + percent);
    }
}
