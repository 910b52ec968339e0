package io.cairn.engine.feed;

import io.cairn.api.EventMessage;
import io.cairn.engine.event.EventCodec;
import io.cairn.journal.Journal;
import io.cairn.journal.JournalCursor;
import io.cairn.engine.event.ContainerCreated;
import io.cairn.engine.event.ContainerRenamed;
import io.cairn.engine.event.Event;
import io.cairn.journal.JournalEntry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Serves {@code cairn events} from the journal itself, so history survives restarts (Docker keeps a
 * small in-memory buffer instead). The start of a time range is found by binary search over journal
 * indices, whose times only grow.
 *
 * <p>Every container event carries the container's {@code name} and {@code image}, as Docker's do,
 * although the journal records them only at create: from the create when the stream saw it, else
 * from the index while the container exists. A container removed before a stream that starts after
 * its create has events without them.
 */
public final class EventService {

    /** How many containers a stream remembers the identity of, from the creates it passed. */
    private static final int REMEMBERED = 4096;

    private final Journal journal;
    private final EventCodec codec;
    private final Function<String, Optional<ContainerIdentity>> containers;
    private final Function<String, Optional<NetworkIdentity>> networks;

    /**
     * @param containers a container's name and image by ID, for events of containers created before the stream's start
     * @param networks   a network's name and driver by ID, likewise
     */
    public EventService(Journal journal, EventCodec codec, Function<String, Optional<ContainerIdentity>> containers,
                        Function<String, Optional<NetworkIdentity>> networks) {
        this.journal = journal;
        this.codec = codec;
        this.containers = containers;
        this.networks = networks;
    }

    public EventService(Journal journal, EventCodec codec, Function<String, Optional<ContainerIdentity>> containers) {
        this(journal, codec, containers, id -> Optional.empty());
    }

    public EventService(Journal journal, EventCodec codec) {
        this(journal, codec, id -> Optional.empty());
    }

    /**
     * Sends matching events to {@code sink} until the query's {@code until} passes (then returns) or,
     * without {@code until}, until {@code open} turns false or {@code sink} returns false.
     */
    public void stream(EventQuery query, Predicate<EventMessage> sink, BooleanSupplier open)
            throws InterruptedException {
        long until = query.untilNanos() == null ? Long.MAX_VALUE : query.untilNanos();
        // read before the journal's end: an entry appended after 'end' is stamped after 'now'
        boolean untilPassed = until <= System.currentTimeMillis() * 1_000_000L;
        long end = journal.lastIndex();
        long start = !query.history() ? end + 1
                : query.sinceNanos() == null ? 1 : firstAtOrAfter(query.sinceNanos(), end);
        long last = start - 1;
        Map<String, Map<String, String>> seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Map<String, String>> eldest) {
                return size() > REMEMBERED;
            }
        };
        try (JournalCursor cursor = journal.follow(start)) {
            while (open.getAsBoolean()) {
                if (untilPassed && last >= end) {
                    return; // every entry the range can hold was already in the journal: no wait for more
                }
                Optional<JournalEntry> next = cursor.next(200);
                if (next.isEmpty()) {
                    // caught up with the journal: nothing older than now can still arrive
                    if (until <= System.currentTimeMillis() * 1_000_000L) {
                        return;
                    }
                    continue;
                }
                JournalEntry entry = next.get();
                last = entry.index();
                if (entry.timeNanos() > until) {
                    return;
                }
                if (query.sinceNanos() != null && entry.timeNanos() < query.sinceNanos()) {
                    continue;
                }
                Event event = codec.decode(entry.type(), entry.schemaVersion(), entry.payload());
                if (event instanceof io.cairn.engine.event.NetworkCreated n) {
                    seen.put("network/" + n.id(), new NetworkIdentity(n.name(), n.driver()).attributes());
                } else if (event instanceof ContainerCreated c) {
                    seen.put(c.id(), new ContainerIdentity(c.name(), c.config().image()).attributes());
                } else if (event instanceof ContainerRenamed r) {
                    // later events name it by its new name, as Docker's do
                    seen.computeIfPresent(r.id(), (id, who) -> new ContainerIdentity(r.newName(), who.get("image")).attributes());
                }
                for (EventMessage m : EventMessages.all(entry, event)) {
                    EventMessage message = attributed(m, seen);
                    if (query.matches(message) && !sink.test(message)) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * Docker names a container in each of its events by {@code name} and {@code image}, a network by
     * {@code name} and {@code type}: from the creates this stream passed, else from the index.
     */
    private EventMessage attributed(EventMessage message, Map<String, Map<String, String>> seen) {
        boolean network = message.type().equals("network");
        if (!(network || message.type().equals("container")) || message.actor().attributes().containsKey("name")
                || (network && (message.action().equals("allocate") || message.action().equals("release")))) {
            return message;
        }
        String id = message.actor().id();
        String key = network ? "network/" + id : id;
        Map<String, String> who = seen.get(key);
        if (who == null) {
            who = network ? networks.apply(id).map(NetworkIdentity::attributes).orElse(null)
                    : containers.apply(id).map(ContainerIdentity::attributes).orElse(null);
            if (who == null) {
                return message;
            }
            seen.put(key, who);
        }
        Map<String, String> attributes = new LinkedHashMap<>(message.actor().attributes());
        attributes.putAll(who);
        return new EventMessage(message.type(), message.action(), new EventMessage.Actor(id, attributes),
                message.scope(), message.time(), message.timeNano(), message.index(), message.uid());
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
