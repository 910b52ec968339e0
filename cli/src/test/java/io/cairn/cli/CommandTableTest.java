package io.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed command table is the one picocli's model gives today. */
class CommandTableTest {

    static final String COMMITTED = "src/main/java/io/cairn/cli/launch/CommandTableText.java";

    @Test
    void theCommittedTableIsPicocliModel() throws Exception {
        String fresh = CommandTableWriter.source();
        Path written = Path.of("target/CommandTableText.java");
        Files.writeString(written, fresh);
        assertEquals(fresh, Files.readString(Path.of(COMMITTED)), "the command table is stale: the options of a"
                + " command changed; copy cli/" + written + " to cli/" + COMMITTED + " (or run CommandTableWriter)");
    }
}
