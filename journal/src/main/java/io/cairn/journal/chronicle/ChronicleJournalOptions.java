package io.cairn.journal.chronicle;

import io.cairn.journal.Durability;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ChronicleJournal} is opened.
 *
 * @param durability          what {@link io.cairn.journal.Journal#flush()} guarantees
 * @param freeSpaceReserve    bytes that must stay free on the journal's file system; below it
 *                            appends fail with {@link io.cairn.journal.JournalFullException}
 *                            rather than risk a SIGBUS on the mapped file
 * @param rollPeriod          how often a new queue file is started
 * @param lockRecoveryTimeout Chronicle's {@code timeoutMS}: how long an append waits for the
 *                            queue's write lock before giving up. Locks left by a crashed
 *                            predecessor are released at open (one writer per journal: the daemon
 *                            holds {@code cairn.lock}), so this only bounds the unexpected;
 *                            Chronicle's default would stall ~20 s.
 * @param clock               decides which roll cycle an append lands in (tests move it)
 */
public record ChronicleJournalOptions(Durability durability, long freeSpaceReserve, RollPeriod rollPeriod,
                                      Duration lockRecoveryTimeout, Clock clock) {

    /** 64 MiB: far more than is written between two free-space checks. */
    public static final long DEFAULT_FREE_SPACE_RESERVE = 64L << 20;
    public static final Duration DEFAULT_LOCK_RECOVERY_TIMEOUT = Duration.ofMillis(500);

    public ChronicleJournalOptions {
        Objects.requireNonNull(durability, "durability");
        Objects.requireNonNull(rollPeriod, "rollPeriod");
        Objects.requireNonNull(lockRecoveryTimeout, "lockRecoveryTimeout");
        Objects.requireNonNull(clock, "clock");
        if (freeSpaceReserve < 0) {
            throw new IllegalArgumentException("freeSpaceReserve must be >= 0, was " + freeSpaceReserve);
        }
        if (lockRecoveryTimeout.isNegative() || lockRecoveryTimeout.isZero()) {
            throw new IllegalArgumentException("lockRecoveryTimeout must be positive, was " + lockRecoveryTimeout);
        }
    }

    /** Daily files, a 64 MiB reserve, a 500 ms lock takeover, the system clock. */
    public static ChronicleJournalOptions defaults(Durability durability) {
        return new ChronicleJournalOptions(durability, DEFAULT_FREE_SPACE_RESERVE, RollPeriod.DAILY,
                DEFAULT_LOCK_RECOVERY_TIMEOUT, Clock.systemUTC());
    }

    public ChronicleJournalOptions withDurability(Durability mode) {
        return new ChronicleJournalOptions(mode, freeSpaceReserve, rollPeriod, lockRecoveryTimeout, clock);
    }

    public ChronicleJournalOptions withFreeSpaceReserve(long bytes) {
        return new ChronicleJournalOptions(durability, bytes, rollPeriod, lockRecoveryTimeout, clock);
    }

    public ChronicleJournalOptions withRollPeriod(RollPeriod period) {
        return new ChronicleJournalOptions(durability, freeSpaceReserve, period, lockRecoveryTimeout, clock);
    }

    public ChronicleJournalOptions withClock(Clock newClock) {
        return new ChronicleJournalOptions(durability, freeSpaceReserve, rollPeriod, lockRecoveryTimeout, newClock);
    }
}
