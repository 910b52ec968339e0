package io.cairn.dockerfile.check;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.plan.BuildPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The outcome of a check.
 *
 * @param file            the Dockerfile's name as the user gave it
 * @param diagnostics     every problem in file order
 * @param unusedBuildArgs build args no ARG consumed (Docker warns)
 * @param plan            the build plan as far as it could be made (stages with errors are partial)
 */
public record CheckReport(String file, List<Diagnostic> diagnostics, Set<String> unusedBuildArgs, BuildPlan plan) {

    public CheckReport {
        diagnostics = List.copyOf(diagnostics);
        unusedBuildArgs = Set.copyOf(unusedBuildArgs);
    }

    /** True when the Dockerfile is buildable: no diagnostic is an error. */
    public boolean ok() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    public long errors() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    public long warnings() {
        return diagnostics.size() - errors();
    }

    /**
     * Every diagnostic as {@code FILE:LINE:COL: message}, followed by the offending source line
     * and a caret under the column, as compilers print them.
     *
     * @param text the Dockerfile's text, for the excerpts
     */
    public List<String> render(String text) {
        String[] lines = text.split("\r?\n", -1);
        List<String> out = new ArrayList<>();
        for (Diagnostic d : diagnostics) {
            out.add(d.format(file));
            int line = d.position().line();
            if (line >= 1 && line <= lines.length && !lines[line - 1].isBlank()) {
                String src = lines[line - 1];
                String number = Integer.toString(line);
                out.add("  " + number + " | " + src);
                StringBuilder caret = new StringBuilder("  " + " ".repeat(number.length()) + " | ");
                int col = Math.min(d.position().column() - 1, src.length());
                for (int i = 0; i < col; i++) {
                    caret.append(src.charAt(i) == '\t' ? '\t' : ' ');
                }
                out.add(caret.append('^').toString());
            }
        }
        return out;
    }
}
