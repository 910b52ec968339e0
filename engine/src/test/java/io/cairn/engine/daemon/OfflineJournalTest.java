package io.cairn.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.ConflictException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.JournalVerification;
import io.cairn.engine.layout.RootLayout;
import io.cairn.engine.recovery.RootRepair;
import io.cairn.journal.Durability;
import io.cairn.journal.chronicle.ChronicleJournal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root's lock keeps offline journal commands and a daemon apart; the other holder here is a
 * second JVM, since the lock is the kernel's and only excludes other processes.
 */
class OfflineJournalTest {

    @TempDir
    Path tmp;

    private RootLayout rootWithJournal(int entries) {
        RootLayout root = new RootLayout(tmp.resolve("root")).create();
        try (ChronicleJournal journal = ChronicleJournal.open(root.journal(), Durability.PROCESS)) {
            for (int i = 1; i <= entries; i++) {
                journal.append("daemon.stop", 1, i, 0, ("{\"pid\":" + i + "}").getBytes(StandardCharsets.UTF_8));
            }
        }
        return root;
    }

    /** Another process that takes the lock as a daemon does and holds it until its stdin closes. */
    private static Process holdLock(RootLayout root) throws Exception {
        Path source = Files.writeString(root.dir().resolveSibling("Holder.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;
                public class Holder {
                    public static void main(String[] a) throws Exception {
                        FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        System.out.println(c.tryLock() != null ? "locked" : "busy");
                        System.in.read();
                    }
                }
                """);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, source.toString(), root.lockFile().toString()).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("locked", line);
        return p;
    }

    @Test
    void offlineCommandsRunWhileStoppedAndReleaseTheLock() throws Exception {
        RootLayout root = rootWithJournal(3);
        JournalVerification v = OfflineJournal.verifyIfStopped(root.dir()).orElseThrow();
        assertEquals(3, v.entries());
        assertEquals(3, v.lastIndex());
        assertTrue(v.problems().isEmpty(), v.problems().toString());
        RootRepair.Outcome outcome = OfflineJournal.repair(root.dir());
        assertFalse(outcome.changed(), "a sound journal is left alone");
        assertEquals(3, outcome.journal().kept());
        assertFalse(Files.exists(root.lockFile()), "the lock file goes with the lock");
        try (RootLock lock = RootLock.tryAcquire(root).orElseThrow()) {
            assertTrue(Files.exists(root.lockFile()));
        }
    }

    @Test
    void aRootWithoutAJournalHasNothingToVerifyOrRepair() {
        assertEquals(Optional.empty(), OfflineJournal.verifyIfStopped(tmp.resolve("nothing-here")));
        EngineFailureException e = assertThrows(EngineFailureException.class,
                () -> OfflineJournal.repair(tmp.resolve("nothing-here")));
        assertTrue(e.getMessage().startsWith("no journal at "), e.getMessage());
    }

    @Test
    void whileAnotherProcessHoldsTheLockNothingRunsAndThePidIsNamed() throws Exception {
        RootLayout root = rootWithJournal(1);
        Files.writeString(root.pidFile(), "4242\n");
        Process holder = holdLock(root);
        try {
            assertEquals(Optional.empty(), RootLock.tryAcquire(root));
            assertEquals(" (pid 4242)", RootLock.holderHint(root));
            assertEquals(Optional.empty(), OfflineJournal.verifyIfStopped(root.dir()), "ask the daemon instead");
            ConflictException e = assertThrows(ConflictException.class, () -> OfflineJournal.repair(root.dir()));
            assertTrue(e.getMessage().contains("a daemon is running on " + root.dir() + " (pid 4242)"), e.getMessage());
        } finally {
            holder.getOutputStream().close();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        try (RootLock lock = RootLock.tryAcquire(root).orElseThrow(() -> new AssertionError("still locked"))) {
            // the kernel dropped the lock with its holder
        }
        Files.delete(root.pidFile());
        assertEquals("", RootLock.holderHint(root));
    }
}
