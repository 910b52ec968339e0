package io.cairn.engine.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** conmon's k8s-file format, as recorded from conmon 2.1.6 here (see the records below). */
class LogReaderTest {
    @TempDir
    Path dir;

    private static final String LOG = """
            2026-11-26T17:19:16.785927632+00:00 stdout F\s
            2026-11-26T17:19:16.786015202+00:00 stdout F a
            2026-11-26T17:19:16.786020000+00:00 stderr P err-
            2026-11-26T17:19:16.786034591+00:00 stdout P x
            2026-11-26T17:19:16.786040000+00:00 stderr F line
            2026-11-26T17:19:16.786050000+00:00 stdout P y
            2026-11-26T17:19:16.787864375+00:00 stdout F z
            2026-11-26T17:19:17.000000000+00:00 stdout F last
            """;

    @Test
    void linesComeWithStreamAndTimeAndSplitLinesAreJoinedPerStream() throws IOException {
        List<LogEntry> all = LogReader.read(write(LOG), LogQuery.all());
        assertEquals(List.of("stdout:", "stdout:a", "stderr:err-line", "stdout:xyz", "stdout:last"),
                all.stream().map(e -> e.stream().wireName() + ":" + e.text()).toList());
        assertEquals(Instant.parse("2026-11-26T17:19:16.786034591Z"), all.get(3).time(), "a joined line has its first piece's time");
        assertTrue(all.stream().allMatch(LogEntry::complete));
    }

    @Test
    void sinceAndTailSelectLines() throws IOException {
        Path log = write(LOG);
        assertEquals(List.of("xyz", "last"), texts(LogReader.read(log, LogQuery.all().tail(2))));
        assertEquals(List.of(), texts(LogReader.read(log, LogQuery.all().tail(0))));
        assertEquals(5, LogReader.read(log, LogQuery.all().tail(100)).size());
        assertEquals(List.of("last"), texts(LogReader.read(log, LogQuery.all().since(Instant.parse("2026-11-26T17:19:16.9Z")))));
        assertEquals(List.of("err-line", "xyz", "last"), texts(LogReader.read(log,
                LogQuery.all().since(Instant.parse("2026-11-26T17:19:16.786020000Z")))));
        assertEquals(List.of("xyz", "last"), texts(LogReader.read(log,
                LogQuery.all().since(Instant.parse("2026-11-26T17:19:16.786020000Z")).tail(2))));
        assertThrows(IllegalArgumentException.class, () -> LogQuery.all().tail(-1));
    }

    @Test
    void aMultiByteCharacterSplitBetweenTwoRecordsComesOutWhole() throws IOException {
        byte[] e = "é".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("2026-01-01T00:00:00.000000001+00:00 stdout P caf".getBytes(StandardCharsets.UTF_8));
        b.write(e[0]);
        b.writeBytes("\n2026-01-01T00:00:00.000000002+00:00 stdout F ".getBytes(StandardCharsets.UTF_8));
        b.write(e[1]);
        b.writeBytes("!\n".getBytes(StandardCharsets.UTF_8));
        Path log = Files.write(dir.resolve("utf8.log"), b.toByteArray());
        assertEquals(List.of("café!"), texts(LogReader.read(log, LogQuery.all())));
    }

    @Test
    void aLineCutByTheContainersDeathAndARecordStillBeingWrittenAreHandled() throws IOException {
        Path log = write("""
                2026-01-01T00:00:00.1+00:00 stdout P no newline ever
                2026-01-01T00:00:00.2+00:00 stderr F done
                2026-01-01T00:00:00.3+00:00 stdout F half-writ""");
        // the unterminated last record is still being written: it is not read yet
        assertEquals(List.of("done", "no newline ever"), texts(LogReader.read(log, LogQuery.all())));
    }

    @Test
    void aMissingLogIsEmptyAndAMalformedRecordNamesFileAndLine() throws IOException {
        assertEquals(List.of(), LogReader.read(dir.resolve("none.log"), LogQuery.all()));
        Path log = write("2026-01-01T00:00:00Z stdout F ok\nnot a record at all\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogReader.read(log, LogQuery.all()));
        assertTrue(e.getMessage().contains(log + ":2"), e.getMessage());
        Path badStream = write("2026-01-01T00:00:00Z stdin F x\n");
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> LogReader.read(badStream, LogQuery.all()));
        assertTrue(s.getMessage().contains("stdin"), s.getMessage());
        Path badTag = write("2026-01-01T00:00:00Z stdout X x\n");
        assertThrows(IllegalArgumentException.class, () -> LogReader.read(badTag, LogQuery.all()));
        assertFalse(Files.exists(dir.resolve("none.log")));
    }

    private Path write(String content) throws IOException {
        Path p = dir.resolve("log-" + System.nanoTime());
        return Files.writeString(p, content, StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<LogEntry> entries) {
        return entries.stream().map(LogEntry::text).toList();
    }
}
