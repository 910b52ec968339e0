package io.cairn.cli.output;

import java.io.PrintWriter;
import java.util.List;

/** How Docker prints the outcome of a prune: a heading and one line per object, then the space freed. */
public final class PruneReport {

    private PruneReport() {
    }

    public static void print(PrintWriter out, String heading, List<String> lines, long reclaimed) {
        if (!lines.isEmpty()) {
            out.println(heading);
            lines.forEach(out::println);
            out.println();
        }
        out.println("Total reclaimed space: " + Units.humanSize(reclaimed));
    }
}
