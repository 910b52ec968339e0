package io.cairn.journal.chronicle;

import io.cairn.journal.Durability;
import io.cairn.journal.JournalEntry;
import io.cairn.journal.VerifyReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kills a real writer process with SIGKILL at random moments and checks what survives.
 *
 * <p>Each round starts {@link CrashWriter} in a fresh JVM on the same journal, waits until it is
 * appending, kills it after a seeded random delay, then reopens the journal here and asserts:
 * every acknowledged index is present with its payload, indices run 1..last without a gap,
 * {@code verify()} finds no problem, and the next append completes at once instead of stalling
 * on the dead writer's lock.
 */
class CrashTest {

    /**
     * Chronicle's JVM flags (STACK.md), as surefire gave them to this JVM (the parent pom's
     * cairn.jvm.opens): the child needs them as much as this JVM does.
     */
    private static final List<String> CHRONICLE_FLAGS = java.lang.management.ManagementFactory.getRuntimeMXBean()
            .getInputArguments().stream().filter(a -> a.startsWith("--add-") || a.startsWith("-Dchronicle.")).toList();
    private static final int ROUNDS = 12;

    @TempDir
    Path temp;

    private Process child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void sigkillAtRandomMomentsLosesNoAcknowledgedEntry() throws Exception {
        Path dir = temp.resolve("journal");
        Random random = new Random(0x5EEDCA1L);
        long acknowledged = 0;
        for (int i = 0; i < ROUNDS; i++) {
            int round = i;
            Durability durability = round % 3 == 2 ? Durability.SYNC : Durability.PROCESS;
            Path stdout = temp.resolve("child-" + round + ".out");
            Path stderr = temp.resolve("child-" + round + ".err");
            // stdout goes to a file: a pipe read while the JDK reaps a killed child can fail with
            // "Stream closed" and lose the last acknowledgements.
            child = new ProcessBuilder(command(dir, durability, random.nextLong()))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            List<String> started = awaitLines(stdout, 2, stderr, round);
            assertTrue(started.get(0).startsWith("ready "), started.get(0));
            long recovered = Long.parseLong(started.get(0).substring(6));
            assertTrue(recovered >= acknowledged, "round " + round + ": writer reopened at " + recovered
                    + " but " + acknowledged + " was acknowledged");

            Thread.sleep(random.nextInt(250));
            child.destroyForcibly(); // SIGKILL
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "round " + round + ": the writer did not die");

            List<String> lines = completeLines(stdout);
            for (String line : lines.subList(1, lines.size())) {
                assertTrue(line.startsWith("ack "), () -> "round " + round + ": unexpected output " + line);
                acknowledged = Math.max(acknowledged, Long.parseLong(line.substring(4)));
            }
            acknowledged = checkAfterCrash(dir, round, acknowledged);
        }
    }

    /** Reopens the journal, checks it, appends one entry; returns the new acknowledged index. */
    private long checkAfterCrash(Path dir, int round, long acknowledged) {
        try (ChronicleJournal journal = ChronicleJournal.open(dir, Durability.SYNC)) {
            long last = journal.lastIndex();
            assertTrue(last >= acknowledged, "round " + round + ": last index " + last + " < acknowledged " + acknowledged);

            long[] expected = {1};
            journal.replay(1, Long.MAX_VALUE, entry -> {
                assertEquals(expected[0], entry.index(), "round " + round + ": indices must be contiguous");
                assertArrayEquals(CrashWriter.payload(entry.index()), entry.payload(),
                        "round " + round + ": payload of entry " + entry.index());
                expected[0]++;
                return true;
            });
            assertEquals(last + 1, expected[0], "round " + round + ": replay must reach the last index");

            VerifyReport report = journal.verify();
            assertTrue(report.ok(), () -> "round " + round + ": " + report.problems());
            assertEquals(last, report.lastIndex());

            // Chronicle's default would stall here ~20 s on a lock left by the dead writer.
            long next = assertTimeout(Duration.ofSeconds(5), () -> CrashWriter.append(journal, last + 1),
                    "round " + round + ": the first append after the crash stalled");
            assertEquals(last + 1, next);
            journal.flush();
            JournalEntry[] read = new JournalEntry[1];
            journal.replay(next, next, e -> {
                read[0] = e;
                return true;
            });
            assertArrayEquals(CrashWriter.payload(next), read[0].payload());
            return next;
        }
    }

    private static List<String> command(Path dir, Durability durability, long seed) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(CHRONICLE_FLAGS);
        command.add("-Xmx256m");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashWriter.class.getName());
        command.add(dir.toString());
        command.add(durability.name());
        command.add(Long.toString(seed));
        return command;
    }

    /** Waits until the child has printed {@code count} complete lines (it is then appending). */
    private List<String> awaitLines(Path stdout, int count, Path stderr, int round) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<String> lines = completeLines(stdout);
            if (lines.size() >= count) {
                return lines;
            }
            if (!child.isAlive()) {
                fail("round " + round + ": the writer exited with " + child.exitValue() + ": " + tail(stderr));
            }
            Thread.sleep(10);
        }
        return fail("round " + round + ": the writer did not start appending: " + tail(stderr));
    }

    /** The lines of {@code file} that end with a newline: a line cut by the kill is not an ack. */
    private static List<String> completeLines(Path file) throws IOException {
        String content = Files.readString(file, StandardCharsets.UTF_8);
        int end = content.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(content.substring(0, end).split("\n"));
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

}
