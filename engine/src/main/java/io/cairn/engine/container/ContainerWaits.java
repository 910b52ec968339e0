package io.cairn.engine.container;

import io.cairn.api.ConflictException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.pipeline.IndexSignal;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * The waiting part of {@link ContainerService}: each wait re-reads the container when the pipeline
 * indexes a batch ({@link IndexSignal}), since every end it waits for (a start's outcome, a death,
 * a removal) is an indexed event; nothing polls. Deadlines are the callers' and are kept to the
 * nanosecond; an interrupt (a {@code wait} client that went away) ends a wait with an
 * {@link EngineFailureException}.
 */
final class ContainerWaits {

    /** How long a {@code --rm} container that exited may stay before {@code wait} stops waiting for its removal. */
    static final Duration REMOVAL_GRACE = Duration.ofSeconds(10);

    private final StateReader state;
    private final IndexSignal indexed;

    ContainerWaits(StateReader committed, IndexSignal indexed) {
        this.state = committed;
        this.indexed = indexed;
    }

    /**
     * The container once no start is under way: a start ends in running or exited within the
     * runtime's own time-outs, so stop, kill and rm wait for it as Docker's container lock makes
     * them wait, instead of acting on a half-made run.
     *
     * @throws ConflictException when it is still starting after {@code within}
     * @throws NotFoundException when it was removed meanwhile
     */
    ContainerRecord settled(ContainerRecord c, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long seen = indexed.version();
            ContainerRecord now = state.read(Families.CONTAINERS, c.id(), ContainerRecord.class);
            if (now == null) {
                throw new NotFoundException("No such container: " + c.name());
            }
            if (!now.starting()) {
                return now;
            }
            if (!park(seen, deadline - System.nanoTime(), "interrupted while container " + c.name() + " starts")) {
                throw new ConflictException("container " + c.name() + " is still starting after " + within.toSeconds()
                        + " s: try again when it runs");
            }
        }
    }

    /**
     * Waits until the container runs no more (or is gone).
     *
     * @return false when it still ran after {@code within}, or the wait was interrupted (the
     *         interrupt stays set)
     */
    boolean stopped(String id, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            long seen = indexed.version();
            ContainerRecord now = state.read(Families.CONTAINERS, id, ContainerRecord.class);
            if (now == null || !now.running()) {
                return true;
            }
            try {
                if (indexed.await(seen, deadline - System.nanoTime()) == 0 && indexed.version() == seen) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Docker's {@code wait}: blocks until the container is neither running nor starting and
     * returns its exit code; for a {@code --rm} container that exited, until it is removed too (or
     * {@link #REMOVAL_GRACE} after its exit, should the removal never come).
     *
     * @param ref             how the caller named the container (for the error of an interrupted wait)
     * @param removedExitCode the exit code of a container that is gone from the index
     */
    int exitCode(ContainerRecord c, String ref, IntSupplier removedExitCode) {
        return exitCode(c, ref, WaitCondition.NOT_RUNNING, removedExitCode);
    }

    /**
     * Docker's {@code wait} with its condition: {@link WaitCondition#NOT_RUNNING} as above;
     * {@link WaitCondition#NEXT_EXIT} until an exit recorded after {@code c} was read (its finish
     * time changes); {@link WaitCondition#REMOVED} until the container is gone. Every condition
     * ends when the container is removed.
     */
    int exitCode(ContainerRecord c, String ref, WaitCondition condition, IntSupplier removedExitCode) {
        while (true) {
            long seen = indexed.version();
            ContainerRecord now = state.read(Families.CONTAINERS, c.id(), ContainerRecord.class);
            if (now == null) {
                return removedExitCode.getAsInt();
            }
            long wait = Long.MAX_VALUE;
            if (condition == WaitCondition.NEXT_EXIT) {
                if (!now.running() && !now.starting() && now.finishedNanos() != c.finishedNanos()) {
                    return now.exitCode();
                }
            } else if (condition == WaitCondition.NOT_RUNNING && !now.running() && !now.starting()) {
                if (!now.config().autoRemove() || !now.status().equals("exited")) {
                    return now.exitCode();
                }
                long removalLeft = now.finishedNanos() + REMOVAL_GRACE.toNanos() - System.currentTimeMillis() * 1_000_000L;
                if (removalLeft <= 0) {
                    return now.exitCode();
                }
                wait = removalLeft;
            }
            park(seen, wait, "interrupted while waiting for " + ref);
        }
    }

    /** Waits past index version {@code seen}; false when {@code nanos} ran out first. */
    private boolean park(long seen, long nanos, String interrupted) {
        if (nanos <= 0) {
            return false;
        }
        try {
            return indexed.await(seen, nanos) > 0 || indexed.version() != seen;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineFailureException(interrupted);
        }
    }
}
