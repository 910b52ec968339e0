package io.cairn.engine.runtime.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lines of any length cost bounded memory (issue 10, A10): a line is split at 16 KiB into
 * incomplete entries, as Docker's log drivers make partial messages, the pieces concatenate to the
 * exact bytes, and a tail does not hold the entries it skips.
 */
class LongLinesTest {
    @TempDir
    Path dir;

    private static final int DOCKER_PARTIAL = 16 * 1024; // Docker's split size for log messages
    private static final int PIECE = 8192; // conmon's buffer: the size of its P records

    /** Writes {@code line} as conmon does: P records of 8 KiB, then F with the rest ({@code newline}) or nothing. */
    private static void conmon(OutputStream out, String stream, byte[] line, boolean newline) throws IOException {
        int i = 0;
        for (; line.length - i > PIECE || (!newline && i < line.length); i += PIECE) {
            out.write(("2026-01-01T00:00:00." + String.format("%09d", i) + "+00:00 " + stream + " P ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(line, i, Math.min(PIECE, line.length - i));
            out.write('\n');
        }
        if (newline) {
            out.write(("2026-01-01T00:00:01.000000000+00:00 " + stream + " F ").getBytes(StandardCharsets.US_ASCII));
            out.write(line, i, line.length - i);
            out.write('\n');
        }
    }

    private static byte[] concat(List<LogEntry> entries) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (LogEntry e : entries) {
            b.writeBytes(e.text().getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    @Test
    void aLongLineComesOutIn16KiBEntriesThatConcatenateToItsBytesCutBetweenCharacters() throws IOException {
        // 3-byte characters: the 16 KiB boundaries (and conmon's 8 KiB ones) fall inside characters
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        while (text.size() < 100_000) {
            text.writeBytes("€".getBytes(StandardCharsets.UTF_8));
        }
        byte[] line = text.toByteArray();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        conmon(log, "stdout", line, true);
        conmon(log, "stderr", "short".getBytes(StandardCharsets.UTF_8), true);
        Path file = Files.write(dir.resolve("c.log"), log.toByteArray());

        List<LogEntry> entries = LogReader.read(file, LogQuery.all());
        List<LogEntry> out = entries.stream().filter(e -> e.stream() == LogStream.STDOUT).toList();
        assertArrayEquals(line, concat(out), "the pieces are the line's bytes");
        assertTrue(out.size() >= 100_000 / DOCKER_PARTIAL, "split, not joined: " + out.size());
        for (int i = 0; i < out.size(); i++) {
            LogEntry e = out.get(i);
            assertTrue(e.text().getBytes(StandardCharsets.UTF_8).length <= DOCKER_PARTIAL);
            assertFalse(e.text().contains("\uFFFD"), "no character cut in two");
            assertEquals(i == out.size() - 1, e.complete(), "only the last piece ends the line");
        }
        assertEquals(List.of("short"), entries.stream().filter(e -> e.stream() == LogStream.STDERR).map(LogEntry::text).toList());
    }

    @Test
    void aLineThatNeverEndsIsDeliveredWithoutANewlineAdded() throws IOException {
        byte[] line = "y".repeat(40_000).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        conmon(log, "stdout", line, false);
        Path file = Files.write(dir.resolve("c.log"), log.toByteArray());
        List<LogEntry> entries = LogReader.read(file, LogQuery.all());
        assertArrayEquals(line, concat(entries));
        assertTrue(entries.stream().noneMatch(LogEntry::complete), "the container wrote no newline");
        // Docker counts each partial message in a tail: the last one is the last 16 KiB or less
        List<LogEntry> last = LogReader.read(file, LogQuery.all().tail(1));
        assertEquals(1, last.size());
        assertEquals(40_000 - 2 * DOCKER_PARTIAL, last.get(0).text().length());
    }

    @Test
    void aTailStreamsTheLastEntriesWithoutHoldingTheOthers() throws IOException {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        for (int i = 0; i < 2000; i++) {
            conmon(log, i % 2 == 0 ? "stdout" : "stderr", ("line " + i).getBytes(StandardCharsets.US_ASCII), true);
        }
        Path file = Files.write(dir.resolve("c.log"), log.toByteArray());
        List<String> seen = new ArrayList<>();
        LogReader.read(file, LogQuery.all().tail(3), e -> seen.add(e.text()));
        assertEquals(List.of("line 1997", "line 1998", "line 1999"), seen);
        assertEquals(List.of(), LogReader.read(file, LogQuery.all().tail(0)));
        assertEquals(2000, LogReader.read(file, LogQuery.all().tail(5000)).size());
    }

    @Test
    void characterBoundariesNeverSplitAUtf8Sequence() {
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8); // 61 e2 82 ac
        assertEquals(4, K8sFileDecoder.characterBoundary(euro, 4));
        assertEquals(1, K8sFileDecoder.characterBoundary(euro, 3));
        assertEquals(1, K8sFileDecoder.characterBoundary(euro, 2));
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8); // 4 bytes
        assertEquals(0, K8sFileDecoder.characterBoundary(emoji, 3));
        assertEquals(4, K8sFileDecoder.characterBoundary(emoji, 4));
        byte[] invalid = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80};
        assertEquals(5, K8sFileDecoder.characterBoundary(invalid, 5), "invalid UTF-8 is cut where it is");
    }

    @Test
    void aRecordWithoutANewlineBeyondAnyConmonRecordIsRefusedNotHeld() throws IOException {
        byte[] huge = new byte[LogTail.MAX_RECORD + 10];
        java.util.Arrays.fill(huge, (byte) 'z');
        Path file = Files.write(dir.resolve("damaged.log"), huge);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LogReader.read(file, LogQuery.all()));
        assertTrue(e.getMessage().contains(file + ":1") && e.getMessage().contains("without a newline"), e.getMessage());
    }
}
