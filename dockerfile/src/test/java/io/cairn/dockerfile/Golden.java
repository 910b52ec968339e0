package io.cairn.dockerfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Golden files: {@code NAME.Dockerfile} (input) next to {@code NAME.dump} (expected output) under
 * {@code src/test/resources/dockerfile/<suite>}. Regenerate with {@code -Dcairn.golden.update=true}
 * or {@code CAIRN_GOLDEN_UPDATE=1}, then review the diff.
 */
public final class Golden {

    private Golden() {
    }

    public static Path dir(String suite) {
        return Path.of("src", "test", "resources", "dockerfile", suite);
    }

    public static boolean updating() {
        return Boolean.getBoolean("cairn.golden.update") || "1".equals(System.getenv("CAIRN_GOLDEN_UPDATE"));
    }

    /** Every {@code *.Dockerfile} of the suite, sorted. */
    public static List<Path> inputs(String suite) throws IOException {
        try (Stream<Path> s = Files.list(dir(suite))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".Dockerfile")).sorted().toList();
        }
    }

    /** Compares {@code actual} with the dump next to {@code input}, or writes it when updating. */
    public static void check(Path input, String actual) throws IOException {
        String name = input.getFileName().toString().replaceFirst("\\.Dockerfile$", ".dump");
        Path expected = input.resolveSibling(name);
        if (updating()) {
            Files.writeString(expected, actual, StandardCharsets.UTF_8);
            return;
        }
        if (!Files.exists(expected)) {
            fail("missing golden file " + expected + "; run with -Dcairn.golden.update=true and review it");
        }
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, "golden file " + expected);
    }
}
