package io.cairn.engine.feed;

import io.cairn.api.EventMessage;
import io.cairn.engine.event.EventCodec;
import io.cairn.journal.Journal;
import io.cairn.journal.JournalCursor;
import io.cairn.journal.JournalEntry;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Serves {@code cairn events} from the journal itself, so history survives restarts (Docker keeps a
 * small in-memory buffer instead). The start of a time range is found by binary search over journal
 * indices, whose times only grow.
 */
public final class EventService {

    private final Journal journal;
    private final EventCodec codec;

    public EventService(Journal journal, EventCodec codec) {
        this.journal = journal;
        this.codec = codec;
    }

    /**
     * Sends matching events to {@code sink} until the query's {@code until} passes (then returns) or,
     * without {@code until}, until {@code open} turns false or {@code sink} returns false.
     */
    public void stream(EventQuery query, Predicate<EventMessage> sink, BooleanSupplier open)
            throws InterruptedException {
        long end = journal.lastIndex();
        long start = !query.history() ? end + 1
                : query.sinceNanos() == null ? 1 : firstAtOrAfter(query.sinceNanos(), end);
        long until = query.untilNanos() == null ? Long.MAX_VALUE : query.untilNanos();
        try (JournalCursor cursor = journal.follow(start)) {
            while (open.getAsBoolean()) {
                Optional<JournalEntry> next = cursor.next(200);
                if (next.isEmpty()) {
                    // caught up with the journal: nothing older than now can still arrive
                    if (until <= System.currentTimeMillis() * 1_000_000L) {
                        return;
                    }
                    continue;
                }
                JournalEntry entry = next.get();
                if (entry.timeNanos() > until) {
                    return;
                }
                if (query.sinceNanos() != null && entry.timeNanos() < query.sinceNanos()) {
                    continue;
                }
                EventMessage message = EventMessages.of(entry, codec.decode(entry.type(), entry.schemaVersion(),
                        entry.payload()));
                if (query.matches(message) && !sink.test(message)) {
                    return;
                }
            }
        }
    }

    /** The first index whose time is at or after {@code nanos}, or {@code end + 1}. */
    private long firstAtOrAfter(long nanos, long end) {
        long lo = 1;
        long hi = end + 1;
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            long[] time = {Long.MAX_VALUE};
            journal.replay(mid, mid, e -> {
                time[0] = e.timeNanos();
                return false;
            });
            if (time[0] < nanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
