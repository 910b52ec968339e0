package io.cairn.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.CairnException;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.output.Table;
import io.cairn.cli.output.Units;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn stats [--no-stream] [--no-trunc] [CONTAINER…]}: CPU, memory, block I/O and pids of
 * running containers (all of them when none is named), computed as Docker's CLI computes them from
 * two readings. Without {@code --no-stream} the table is redrawn every second until interrupted.
 */
@Command(name = "stats", description = "Display a live stream of container(s) resource usage statistics.")
public class StatsCommand extends ClientCommand {

    @Parameters(arity = "0..*", paramLabel = "CONTAINER")
    List<String> containers = new ArrayList<>();

    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result.")
    boolean noStream;

    @Option(names = "--no-trunc", description = "Do not truncate output.")
    boolean noTrunc;

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running).")
    boolean all;

    @Override
    protected int run() throws Exception {
        Map<String, JsonNode> previous = new HashMap<>();
        while (true) {
            List<String> names = containers.isEmpty() ? running() : containers;
            Table table = new Table("CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "NET I/O",
                    "BLOCK I/O", "PIDS");
            int failed = 0;
            for (String c : names) {
                // the one-shot pair (stream=false) gives a CPU base at once; streaming reuses the last reading
                String query = noStream || !previous.containsKey(c) ? "?stream=false" : "?stream=false&one-shot=true";
                JsonNode s;
                try {
                    s = client().get(ContainerAction.path(c) + "/stats" + query);
                } catch (CairnException e) {
                    err().println("Error: " + e.getMessage());
                    failed++;
                    continue;
                }
                JsonNode pre = previous.containsKey(c) ? previous.get(c).path("cpu_stats") : s.path("precpu_stats");
                previous.put(c, s);
                table.row(row(s, pre));
            }
            if (!noStream) {
                out().print("\033[2J\033[H");
            }
            table.print(out());
            out().flush();
            if (noStream) {
                return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
            }
            Thread.sleep(1000);
        }
    }

    private List<String> running() {
        List<String> ids = new ArrayList<>();
        client().get("/containers/json" + (all ? "?all=1" : "")).forEach(c -> ids.add(c.path("Id").asText()));
        return ids;
    }

    private String[] row(JsonNode s, JsonNode pre) {
        String id = s.path("id").asText();
        String name = s.path("name").asText().replaceFirst("^/", "");
        JsonNode cpu = s.path("cpu_stats");
        double cpuDelta = cpu.path("cpu_usage").path("total_usage").asDouble() - pre.path("cpu_usage").path("total_usage").asDouble();
        double systemDelta = cpu.path("system_cpu_usage").asDouble() - pre.path("system_cpu_usage").asDouble();
        int online = cpu.path("online_cpus").asInt(cpu.path("cpu_usage").path("percpu_usage").size());
        double cpuPercent = systemDelta > 0 && cpuDelta > 0 ? cpuDelta / systemDelta * online * 100.0 : 0.0;
        JsonNode mem = s.path("memory_stats");
        long usage = mem.path("usage").asLong();
        // Docker's CLI: the page cache that could be dropped is not "used" (v1 total_inactive_file, v2 inactive_file)
        long inactive = mem.path("stats").has("total_inactive_file") ? mem.path("stats").path("total_inactive_file").asLong()
                : mem.path("stats").path("inactive_file").asLong();
        long used = inactive < usage ? usage - inactive : usage;
        long limit = mem.path("limit").asLong();
        double memPercent = limit > 0 ? used * 100.0 / limit : 0.0;
        long read = 0;
        long write = 0;
        for (JsonNode e : s.path("blkio_stats").path("io_service_bytes_recursive")) {
            if (e.path("op").asText().equalsIgnoreCase("read")) {
                read += e.path("value").asLong();
            } else if (e.path("op").asText().equalsIgnoreCase("write")) {
                write += e.path("value").asLong();
            }
        }
        long rx = 0;
        long tx = 0;
        for (JsonNode n : s.path("networks")) {
            rx += n.path("rx_bytes").asLong();
            tx += n.path("tx_bytes").asLong();
        }
        return new String[] {noTrunc ? id : id.substring(0, Math.min(12, id.length())), name,
                String.format(Locale.ROOT, "%.2f%%", cpuPercent),
                Units.binarySize(used) + " / " + Units.binarySize(limit),
                String.format(Locale.ROOT, "%.2f%%", memPercent),
                Units.humanSize(rx) + " / " + Units.humanSize(tx),
                Units.humanSize(read) + " / " + Units.humanSize(write),
                s.path("pids_stats").path("current").asText("0")};
    }

}
