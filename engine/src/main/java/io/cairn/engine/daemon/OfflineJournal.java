package io.cairn.engine.daemon;

import io.cairn.engine.layout.RootLayout;
import io.cairn.api.ConflictException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.JournalVerification;
import io.cairn.engine.Projections;
import io.cairn.engine.recovery.RootRepair;
import io.cairn.journal.Durability;
import io.cairn.journal.VerifyReport;
import io.cairn.journal.chronicle.ChronicleJournal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * The journal commands that run without a daemon, in the engine JVM ({@code io.cairn.engine.main}):
 * {@code journal repair} (always) and {@code journal verify} (when no daemon runs, which is when the
 * daemon refused to start on a damaged journal). Each holds the root's lock while it works, so a daemon cannot start
 * meanwhile.
 */
public final class OfflineJournal {

    private OfflineJournal() {
    }

    /**
     * {@link RootRepair} on a root no daemon serves.
     *
     * @throws ConflictException      when a daemon holds the root's lock
     * @throws EngineFailureException when there is no journal, the lock cannot be taken or the repair fails
     */
    public static RootRepair.Outcome repair(Path rootDir) {
        RootLayout root = new RootLayout(rootDir);
        Optional<RootRepair.Outcome> outcome = whileStopped(root,
                r -> new RootRepair(r, new RocksIndexLocation(r.index(), true), Projections.all()).run());
        return outcome.orElseThrow(() -> new ConflictException("a daemon is running on " + root.dir()
                + RootLock.holderHint(root) + ": stop it first; 'cairn journal repair' needs the root to itself"));
    }

    /**
     * Verifies the journal in this process, or returns empty when a daemon runs or the root has no
     * journal yet (ask a daemon instead).
     */
    public static Optional<JournalVerification> verifyIfStopped(Path rootDir) {
        RootLayout layout = new RootLayout(rootDir);
        if (!Files.isDirectory(layout.journal())) {
            return Optional.empty();
        }
        return whileStopped(layout, root -> {
            try (ChronicleJournal journal = ChronicleJournal.open(root.journal(), Durability.PROCESS)) {
                VerifyReport r = journal.verify();
                return new JournalVerification(r.entries(), r.firstIndex(), r.lastIndex(), r.superseded(),
                        r.problems(), r.firstBadIndex());
            }
        });
    }

    private static <T> Optional<T> whileStopped(RootLayout root, Function<RootLayout, T> work) {
        if (!Files.isDirectory(root.journal())) {
            throw new EngineFailureException("no journal at " + root.journal());
        }
        RootLock taken;
        try {
            taken = RootLock.tryAcquire(root).orElse(null);
        } catch (IOException e) {
            throw new EngineFailureException("cannot open " + root.lockFile() + ": " + e.getMessage(), e);
        }
        if (taken == null) {
            return Optional.empty();
        }
        try (RootLock lock = taken) {
            return Optional.of(work.apply(root));
        } catch (IOException e) {
            throw new EngineFailureException("releasing " + root.lockFile() + ": " + e.getMessage(), e);
        }
    }
}
