package io.cairn.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Shows a pull's or push's progress stream (Docker's JSON messages: {@code status}, {@code id},
 * {@code progressDetail}, {@code progress}) as the docker CLI does. On a terminal each layer keeps
 * one line, redrawn in place with its bar as its bytes come (the cursor moves up to the layer's line
 * and back); a message without an ID ends that block of lines. Elsewhere it prints one line per
 * event and leaves out the byte counts, so logs and pipes get no control characters and no flood.
 */
public final class JsonMessages {

    private final PrintWriter out;
    private final boolean terminal;
    /** The line of each layer in the current block, counted from its top. */
    private final Map<String, Integer> lines = new HashMap<>();

    /** {@code terminal}: redraw the layers' lines in place (see {@link Progress#interactive()}). */
    public JsonMessages(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** Shows one message of the stream (an {@code error} message is the caller's to handle). */
    public void show(JsonNode m) {
        String status = m.path("status").asText("");
        String id = m.path("id").asText("");
        boolean hasProgress = m.has("progressDetail");
        JsonNode detail = m.path("progressDetail");
        boolean counts = detail.path("current").asLong(0) > 0 || detail.path("total").asLong(0) > 0;
        if (!terminal) {
            if (!status.isEmpty() && !counts) {
                out.println(id.isEmpty() ? status : id + ": " + status);
                out.flush();
            }
            return;
        }
        int up = 0;
        if (!id.isEmpty() && hasProgress) {
            Integer line = lines.get(id);
            if (line == null) {
                line = lines.size();
                lines.put(id, line);
                out.print("\n");
            }
            up = lines.size() - line;
            out.print("\033[" + up + "A");
        } else {
            lines.clear(); // a line that is no layer's ends the block the cursor moves in
        }
        if (hasProgress) {
            out.print("\033[2K\r");
        }
        out.print(id.isEmpty() ? "" : id + ": ");
        String bar = m.path("progress").asText("");
        if (hasProgress) {
            out.print(status + (bar.isEmpty() ? "" : " " + bar) + "\r");
        } else {
            out.print(status + "\n");
        }
        if (up > 0) {
            out.print("\033[" + up + "B");
        }
        out.flush();
    }
}
