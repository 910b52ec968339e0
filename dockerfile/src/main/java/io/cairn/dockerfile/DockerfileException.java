package io.cairn.dockerfile;

import java.util.List;

/**
 * A Dockerfile that cannot be built. The message reads like Docker's
 * ({@code dockerfile parse error on line 2: unknown instruction: FROB}) and names the file;
 * {@link #diagnostics()} holds every error found, not only the first.
 */
public final class DockerfileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final transient List<Diagnostic> diagnostics;

    public DockerfileException(String file, List<Diagnostic> diagnostics) {
        super(message(file, diagnostics));
        this.file = file;
        this.diagnostics = List.copyOf(diagnostics);
    }

    private static String message(String file, List<Diagnostic> diagnostics) {
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("a DockerfileException needs at least one diagnostic");
        }
        Diagnostic first = diagnostics.get(0);
        String more = diagnostics.size() > 1 ? " (and " + (diagnostics.size() - 1) + " more)" : "";
        return file + ":" + first.position() + ": dockerfile parse error on line " + first.position().line()
                + ": " + first.message() + more;
    }

    /** The Dockerfile's name as given by the user (e.g. {@code Dockerfile} or {@code -}). */
    public String file() {
        return file;
    }

    /** Every error, in file order. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
