package io.cairn.dockerfile.dockerignore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code .dockerignore} file, read with Docker's rules: a line starting with {@code #} is a
 * comment, lines are trimmed, blank lines skipped, each pattern cleaned ({@code ./a/../b} is
 * {@code b}) and its leading {@code /} dropped.
 *
 * @param source   the file read, empty when there was none
 * @param patterns the patterns in file order ({@code !} kept)
 */
public record IgnoreFile(Optional<Path> source, List<String> patterns) {

    public IgnoreFile {
        patterns = List.copyOf(patterns);
    }

    /** No file: nothing is ignored. */
    public static IgnoreFile none() {
        return new IgnoreFile(Optional.empty(), List.of());
    }

    /** Parses the text of an ignore file. */
    public static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.startsWith("#")) {
                continue;
            }
            String p = line.strip();
            if (p.isEmpty()) {
                continue;
            }
            boolean invert = p.charAt(0) == '!';
            if (invert) {
                p = p.substring(1).strip();
            }
            if (!p.isEmpty()) {
                p = Paths.clean(p);
                if (p.length() > 1 && p.charAt(0) == '/') {
                    p = p.substring(1);
                }
            }
            out.add(invert ? "!" + p : p);
        }
        return out;
    }

    /**
     * Finds and reads the ignore file for a build: {@code <Dockerfile>.dockerignore} next to the
     * Dockerfile when there is one (Docker's per-Dockerfile ignore file), else
     * {@code <context>/.dockerignore}, else none.
     *
     * @param dockerfile the Dockerfile's path on disk; empty when it came from stdin
     */
    public static IgnoreFile locate(Path context, Optional<Path> dockerfile) throws IOException {
        if (dockerfile.isPresent()) {
            Path specific = dockerfile.get().resolveSibling(dockerfile.get().getFileName() + ".dockerignore");
            if (Files.isRegularFile(specific)) {
                return read(specific);
            }
        }
        Path generic = context.resolve(".dockerignore");
        // a link here could point the reader (the daemon, as root) at any host file
        if (Files.isRegularFile(generic, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return read(generic);
        }
        return none();
    }

    private static IgnoreFile read(Path file) throws IOException {
        return new IgnoreFile(Optional.of(file), parse(Files.readString(file, StandardCharsets.UTF_8)));
    }

    /** The compiled matcher. @throws InvalidPatternException naming a bad pattern and this file */
    public PatternMatcher matcher() {
        try {
            return PatternMatcher.compile(patterns);
        } catch (InvalidPatternException e) {
            throw new InvalidPatternException(e.pattern(), e.why() + source.map(s -> " (in " + s + ")").orElse(""));
        }
    }
}
