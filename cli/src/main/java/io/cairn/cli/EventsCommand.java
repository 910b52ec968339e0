package io.cairn.cli;

import io.cairn.cli.command.Labels;
import io.cairn.cli.command.ClientCommand;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.client.MessageStream;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.output.Format;
import io.cairn.cli.output.Times;
import io.cairn.api.CairnException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cairn events}: the journal as Docker's event stream. Without {@code --until} it streams new
 * events until interrupted; with it, it prints the range and exits. History comes from the journal,
 * so it survives daemon restarts.
 */
@Command(name = "events", description = "Get real time events from the engine, and its history from the journal.")
public final class EventsCommand extends ClientCommand {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Option(names = "--since", paramLabel = "TIME", description = "Show events created since TIME (RFC 3339, Unix time or duration like 10m).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Stream events until TIME, then exit.")
    String until;

    @Option(names = {"-f", "--filter"}, paramLabel = "KEY=VALUE",
            description = "Filter: type, event, action, container, image, volume (repeat: same key OR, different keys AND).")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json (one object per line).")
    String format;

    @Override
    protected int run() {
        Format f = Format.parse(format, this);
        Instant now = Instant.now();
        StringBuilder query = new StringBuilder("/events?");
        try {
            if (since != null) {
                query.append("since=").append(Times.toApi("--since", since, now)).append('&');
            }
            if (until != null) {
                query.append("until=").append(Times.toApi("--until", until, now)).append('&');
            }
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
        query.append(ApiClient.filters(Labels.filters(this, filters)));
        PrintWriter out = out();
        client().stream(query.toString(), line -> {
            JsonNode event = ApiClient.json().readTree(line);
            CairnException failed = MessageStream.failureOf(event); // the daemon's failure after the stream began
            if (failed != null) {
                throw failed;
            }
            out.println(f == Format.JSON ? line : render(event));
            out.flush();
            return !out.checkError();
        });
        return 0;
    }

    /** Docker's line: {@code TIME TYPE ACTION ID (k=v, …)}, with Cairn's index and uid among the attributes. */
    static String render(JsonNode e) {
        Map<String, String> attrs = new TreeMap<>();
        e.path("Actor").path("Attributes").fields().forEachRemaining(a -> attrs.put(a.getKey(), a.getValue().asText()));
        attrs.put("index", e.path("index").asText());
        attrs.put("uid", e.path("uid").asText());
        StringBuilder text = new StringBuilder();
        long nanos = e.path("timeNano").asLong();
        text.append(TIME.format(Instant.ofEpochSecond(0, nanos))).append(' ')
                .append(e.path("Type").asText()).append(' ').append(e.path("Action").asText()).append(' ')
                .append(e.path("Actor").path("ID").asText()).append(" (");
        String sep = "";
        for (var a : attrs.entrySet()) {
            text.append(sep).append(a.getKey()).append('=').append(a.getValue());
            sep = ", ";
        }
        return text.append(')').toString();
    }
}
