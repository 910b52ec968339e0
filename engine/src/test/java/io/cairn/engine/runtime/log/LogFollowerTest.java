package io.cairn.engine.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Following a log that a writer (standing in for conmon) appends to, record by record. */
class LogFollowerTest {
    @TempDir
    Path dir;

    /**
     * The followers sleep until it wakes them: on a change of their log, and on {@link LogWatch#wake}
     * after an exit file is written (as the engine wakes them when a container's death is indexed).
     */
    private final LogWatch watch = new LogWatch();

    @org.junit.jupiter.api.AfterEach
    void closeWatch() {
        watch.close();
    }

    @Test
    void followSeesTheBacklogThenNewLinesAndEndsOnceExitedAndDrained() throws Exception {
        Path log = dir.resolve("c.log");
        Path exit = dir.resolve("exit");
        append(log, "2026-01-01T00:00:01Z stdout F old1\n2026-01-01T00:00:02Z stdout F old2\n");
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
            try {
                LogFollower.follow(log, LogQuery.all().tail(1), LogFollower.Mode.LINES, () -> Files.exists(exit), watch,
                        e -> seen.add(e.stream().wireName() + ":" + e.text()));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        waitFor(() -> seen.size() == 1);
        assertEquals(List.of("stdout:old2"), seen, "tail applies to the backlog");

        append(log, "2026-01-01T00:00:03Z stderr P ne");
        append(log, "w\n2026-01-01T00:00:04Z stderr F -line\n");
        waitFor(() -> seen.size() == 2);
        assertEquals("stderr:new-line", seen.get(1));
        assertTrue(!f.isDone(), "follow goes on while the container runs");

        // the last lines and the exit file land together: follow must still deliver the lines
        append(log, "2026-01-01T00:00:05Z stdout F last\n");
        Files.writeString(exit, "0");
        watch.wake(log);
        f.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("stdout:old2", "stderr:new-line", "stdout:last"), seen);
    }

    @Test
    void fragmentsModeDeliversPiecesOfALineBeforeItsNewline() throws Exception {
        Path log = dir.resolve("c.log");
        Path exit = dir.resolve("exit");
        List<LogEntry> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> f = CompletableFuture.runAsync(() -> {
            try {
                LogFollower.follow(log, LogQuery.all(), LogFollower.Mode.FRAGMENTS, () -> Files.exists(exit), watch, seen::add);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        append(log, "2026-01-01T00:00:03Z stdout P Password: \n");
        waitFor(() -> seen.size() == 1);
        assertEquals("Password: ", seen.get(0).text());
        assertEquals(false, seen.get(0).complete());
        append(log, "2026-01-01T00:00:04Z stdout F ok\n");
        Files.writeString(exit, "0");
        watch.wake(log);
        f.get(10, TimeUnit.SECONDS);
        assertEquals(2, seen.size());
        assertEquals("ok", seen.get(1).text());
        assertTrue(seen.get(1).complete());
    }

    @Test
    void followOfALogThatNeverAppearsEndsWhenTheContainerHasExited() throws Exception {
        List<LogEntry> seen = new CopyOnWriteArrayList<>();
        LogFollower.follow(dir.resolve("never.log"), LogQuery.all(), LogFollower.Mode.LINES, () -> true, watch, seen::add);
        assertEquals(List.of(), seen);
    }

    private static void append(Path log, String s) throws IOException {
        Files.writeString(log, s, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        for (int i = 0; i < 1000 && !cond.getAsBoolean(); i++) {
            Thread.sleep(5);
        }
        assertTrue(cond.getAsBoolean(), "condition not reached in 5 s");
    }
}
