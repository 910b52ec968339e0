package io.cairn.engine.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files rotation keeps, as conmon's rename-over rotation produces them, and reading across them. */
class LogRotationTest {

    private static String record(int n) {
        return "2024-01-01T00:00:0" + (n % 10) + ".000000000Z stdout F line " + n + "\n";
    }

    /** What conmon does when the log would grow past its limit: a new empty file renamed over it. */
    private static void conmonRotates(Path log) throws Exception {
        Path tmp = log.resolveSibling(log.getFileName() + ".tmp");
        Files.createFile(tmp);
        Files.move(tmp, log, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void keepsMaxFilesInOrderAndReadsAcrossThem(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("container.log");
        Files.createFile(log);
        int n = 0;
        for (int generation = 0; generation < 5; generation++) {
            LogRotation.track(log, 3);
            for (int i = 0; i < 3; i++) {
                Files.writeString(log, record(++n), java.nio.file.StandardOpenOption.APPEND);
            }
            Thread.sleep(20); // distinct modification times order the generations
            conmonRotates(log);
        }
        LogRotation.track(log, 3);
        Files.writeString(log, record(++n), java.nio.file.StandardOpenOption.APPEND);
        LogRotation.track(log, 3);

        assertEquals(List.of(log.resolveSibling("container.log.2"), log.resolveSibling("container.log.1"), log),
                LogRotation.files(log));
        List<String> lines = new ArrayList<>();
        LogReader.read(LogRotation.files(log), LogQuery.all(), e -> lines.add(e.text()));
        assertEquals(List.of("line 10", "line 11", "line 12", "line 13", "line 14", "line 15", "line 16"), lines,
                "max-file=3: the live file and the two newest rotated, oldest first");
        List<String> tail = new ArrayList<>();
        LogReader.read(LogRotation.files(log), LogQuery.all().tail(2), e -> tail.add(e.text()));
        assertEquals(List.of("line 15", "line 16"), tail);
    }

    @Test
    void aReplacedGenerationNotYetRenamedIsStillRead(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("container.log");
        Files.createFile(log);
        LogRotation.track(log, 2);
        Files.writeString(log, record(1), java.nio.file.StandardOpenOption.APPEND);
        conmonRotates(log);
        Files.writeString(log, record(2), java.nio.file.StandardOpenOption.APPEND);
        List<String> lines = new ArrayList<>();
        LogReader.read(LogRotation.files(log), LogQuery.all(), e -> lines.add(e.text()));
        assertEquals(List.of("line 1", "line 2"), lines);
    }

    @Test
    void maxFileOneKeepsOnlyTheLiveFile(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("container.log");
        Files.createFile(log);
        LogRotation.track(log, 1);
        Files.writeString(log, record(1), java.nio.file.StandardOpenOption.APPEND);
        conmonRotates(log);
        LogRotation.track(log, 1);
        assertEquals(List.of(log), LogRotation.files(log));
    }
}
