package io.cairn.cli.journal;

import io.cairn.cli.command.ClientCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn journal dump [--from N] [--to N]}: entries as JSON lines. */
@Command(name = "dump", description = "Print journal entries as JSON lines.")
public final class JournalDump extends ClientCommand {

    @Option(names = "--from", paramLabel = "N", defaultValue = "1", description = "First index (default 1).")
    long from;

    @Option(names = "--to", paramLabel = "N", description = "Last index (default: the end).")
    Long to;

    @Override
    protected int run() {
        if (from < 1 || (to != null && to < from)) {
            throw error("--from/--to: expected 1 <= from <= to, got from=" + from + (to == null ? "" : " to=" + to));
        }
        PrintWriter out = out();
        client().stream("/cairn/journal/dump?from=" + from + (to == null ? "" : "&to=" + to), line -> {
            out.println(line);
            return !out.checkError();
        });
        out.flush();
        return 0;
    }
}
