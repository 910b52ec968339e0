package io.cairn.engine.runtime.log;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wakes a log follower sleeps on: its log's changes, the engine's word, never another file's change. */
class LogWatchTest {
    private static final long LONG = TimeUnit.SECONDS.toNanos(30);
    private static final long SHORT = TimeUnit.MILLISECONDS.toNanos(300);

    @TempDir
    Path dir;

    private final LogWatch watch = new LogWatch();

    @AfterEach
    void close() {
        watch.close();
    }

    @Test
    void anAppendToTheLogWakesItsFollower() throws Exception {
        Path log = dir.resolve("container.log");
        Files.createFile(log);
        try (LogWatch.Subscription s = watch.subscribe(log)) {
            Thread writer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                    Files.writeString(log, "line\n", StandardOpenOption.APPEND);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            writer.start();
            assertTrue(s.await(LONG), "woken by the append, not by the bound");
            writer.join();
        }
    }

    @Test
    void aRotationCreatingTheLogAnewWakesItsFollower() throws Exception {
        Path log = dir.resolve("container.log");
        try (LogWatch.Subscription s = watch.subscribe(log)) {
            Files.writeString(dir.resolve("container.log.tmp"), "x");
            Files.move(dir.resolve("container.log.tmp"), log);
            assertTrue(s.await(LONG));
        }
    }

    @Test
    void aWakeThatCameWhileTheFollowerReadIsNotLost() throws Exception {
        Path log = dir.resolve("container.log");
        try (LogWatch.Subscription s = watch.subscribe(log)) {
            watch.wake(log); // the container died while the follower was reading
            assertTrue(s.await(LONG));
            assertFalse(s.await(SHORT), "one wake, one return");
        }
    }

    @Test
    void anotherFilesChangeOrAnotherContainersEndDoesNotWakeIt() throws Exception {
        Path log = dir.resolve("container.log");
        try (LogWatch.Subscription s = watch.subscribe(log)) {
            Files.writeString(dir.resolve("config.json"), "{}");
            watch.wake(dir.resolve("other").resolve("container.log"));
            assertFalse(s.await(SHORT));
        }
    }

    @Test
    void closingTheWatchWakesEveryFollowerAndLaterSubscriptionsDoNotSleep() throws Exception {
        Path log = dir.resolve("container.log");
        LogWatch.Subscription s = watch.subscribe(log);
        watch.close();
        assertTrue(s.await(LONG));
        assertTrue(watch.subscribe(dir.resolve("late.log")).await(LONG));
    }
}
