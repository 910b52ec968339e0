package io.cairn.journal.chronicle;

import io.cairn.journal.JournalFullException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The free-space check before each append, against a file system whose free space the test sets. */
class FreeSpaceGuardTest {

    private static final long MIB = 1L << 20;
    private static final long RESERVE = 10 * MIB;

    private final AtomicLong usable = new AtomicLong();
    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final FreeSpaceGuard guard = new FreeSpaceGuard(Path.of("/j"), RESERVE, () -> {
        asked.incrementAndGet();
        return usable.get();
    }, nanos::get);

    @Test
    void farFromTheReserveTheFileSystemIsAskedOncePerInterval() {
        usable.set(1L << 40);
        for (int i = 0; i < 100; i++) {
            guard.beforeAppend(100);
        }
        assertEquals(1, asked.get(), "100 appends of 100 bytes stay within one check interval");
    }

    @Test
    void nearTheReserveEveryAppendIsCheckedSoSpaceTakenByOthersIsNoticedAtOnce() {
        usable.set(RESERVE + 5 * MIB); // within the reserve again of it: near
        guard.beforeAppend(100);
        usable.set(RESERVE - 1); // another writer filled the file system
        JournalFullException full = assertThrows(JournalFullException.class, () -> guard.beforeAppend(100),
                "the next append, 100 bytes later, must see it");
        assertTrue(full.getMessage().contains("no space left on device") && full.getMessage().contains("/j")
                && full.getMessage().contains("reserve of " + RESERVE), full.getMessage());
        assertEquals(2, asked.get());
    }

    @Test
    void aRefusedAppendIsCheckedAgainAndSucceedsOnceSpaceIsFreed() {
        usable.set(RESERVE + 50);
        assertThrows(JournalFullException.class, () -> guard.beforeAppend(100), "the frame itself would dip into it");
        usable.set(RESERVE + 200);
        guard.beforeAppend(100);
        assertEquals(2, asked.get());
    }

    /** Far from the reserve, another writer may still take everything between two appends: time bounds the check too. */
    @Test
    void farFromTheReserveAStaleCheckIsRepeatedSoALaterFillIsNoticed() {
        usable.set(1L << 40);
        guard.beforeAppend(100);
        usable.set(8 * 1024); // a filler took the file system; the journal wrote nothing since
        nanos.addAndGet(FreeSpaceGuard.CHECK_EVERY_NANOS - 1);
        guard.beforeAppend(100); // within the interval: not asked
        assertEquals(1, asked.get());
        nanos.addAndGet(1);
        assertThrows(JournalFullException.class, () -> guard.beforeAppend(100), "the interval passed: asked again");
        assertEquals(2, asked.get());
    }
}
