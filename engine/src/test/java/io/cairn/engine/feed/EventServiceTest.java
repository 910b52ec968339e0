package io.cairn.engine.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.api.EventMessage;
import io.cairn.api.Filters;
import io.cairn.engine.event.ContainerConfig;
import io.cairn.engine.event.ContainerCreated;
import io.cairn.engine.event.ContainerDied;
import io.cairn.engine.event.ContainerRemoved;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.event.ImageTagged;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.journal.Durability;
import io.cairn.journal.Journal;
import io.cairn.journal.chronicle.ChronicleJournal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn events} served from the journal: time ranges, filters, Docker's messages. */
class EventServiceTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path dir;

    private final EventCodec codec = new EventCodec();

    private void append(Journal journal, long timeNanos, Event event) {
        journal.append(EventTypes.nameOf(event), EventTypes.versionOf(EventTypes.nameOf(event)), timeNanos, 1000, codec.encode(event));
    }

    private List<EventMessage> range(EventService service, Long since, Long until, Filters filters)
            throws Exception {
        List<EventMessage> out = new ArrayList<>();
        service.stream(new EventQuery(since, until, filters), out::add, () -> true);
        return out;
    }

    @Test
    void aBoundedQueryReturnsTheRangeInOrderWithDockersShape() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS)) {
            append(journal, 10 * SECOND, new VolumeCreated("data", "local", "/v/data", Map.of(), Map.of()));
            append(journal, 20 * SECOND, new ImageTagged("docker.io/library/busybox:latest", "sha256:abc"));
            append(journal, 30 * SECOND, new ContainerDied("c0ffee", 3, ""));
            append(journal, 40 * SECOND, new VolumeRemoved("data"));
            EventService service = new EventService(journal, codec);

            List<EventMessage> all = range(service, 1L, 50 * SECOND, Filters.none());
            assertEquals(List.of("volume/create", "image/tag", "container/die", "volume/destroy"),
                    all.stream().map(m -> m.type() + "/" + m.action()).toList());
            EventMessage tag = all.get(1);
            assertEquals("sha256:abc", tag.actor().id());
            assertEquals("busybox:latest", tag.actor().attributes().get("name"), "the familiar name, as Docker shows it");
            assertEquals(20, tag.time());
            assertEquals(20 * SECOND, tag.timeNano());
            assertEquals(2, tag.index());
            assertEquals(1000, tag.uid());
            assertEquals("3", all.get(2).actor().attributes().get("exitCode"));

            assertEquals(List.of(2L, 3L), range(service, 20 * SECOND, 30 * SECOND, Filters.none()).stream()
                    .map(EventMessage::index).toList(), "since and until are inclusive");
            assertEquals(List.of(1L, 4L), range(service, 1L, 50 * SECOND,
                    Filters.parse(List.of("type=volume"), EventQuery.FILTERS)).stream().map(EventMessage::index).toList());
            assertEquals(List.of(), range(service, 41 * SECOND, 50 * SECOND, Filters.none()));
        }
    }

    /**
     * A range whose end has passed is whole once the cursor reaches the journal's last entry: the
     * stream returns there instead of waiting for an entry that could only be stamped later.
     */
    @Test
    void aRangeInThePastEndsAtTheJournalsLastEntryWithoutWaiting() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS)) {
            for (int i = 1; i <= 5; i++) {
                append(journal, i * SECOND, new VolumeRemoved("v" + i));
            }
            List<Long> waits = new ArrayList<>();
            Journal watched = new Journal() {
                public long append(String type, int schemaVersion, long timeNanos, int uid, byte[] payload) {
                    return journal.append(type, schemaVersion, timeNanos, uid, payload);
                }

                public void flush() {
                    journal.flush();
                }

                public long lastIndex() {
                    return journal.lastIndex();
                }

                public long replay(long from, long to, EntryConsumer consumer) {
                    return journal.replay(from, to, consumer);
                }

                public io.cairn.journal.JournalCursor follow(long from) {
                    io.cairn.journal.JournalCursor cursor = journal.follow(from);
                    return new io.cairn.journal.JournalCursor() {
                        public Optional<io.cairn.journal.JournalEntry> next(long timeoutMillis) throws InterruptedException {
                            Optional<io.cairn.journal.JournalEntry> next = cursor.next(timeoutMillis);
                            if (next.isEmpty()) {
                                waits.add(timeoutMillis);
                            }
                            return next;
                        }

                        public void close() {
                            cursor.close();
                        }
                    };
                }

                public io.cairn.journal.VerifyReport verify() {
                    return journal.verify();
                }

                public void close() {
                }
            };
            EventService service = new EventService(watched, codec);

            assertEquals(List.of(3L, 4L, 5L), range(service, 3 * SECOND, 60 * SECOND, Filters.none()).stream()
                    .map(EventMessage::index).toList());
            assertEquals(List.of(), range(service, 6 * SECOND, 60 * SECOND, Filters.none()));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), range(service, null, 60 * SECOND, Filters.none()).stream()
                    .map(EventMessage::index).toList());
            assertEquals(List.of(), waits, "no read waited for an entry after the journal's end");
        }
    }

    @Test
    void theSinkEndsAStream() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS)) {
            for (int i = 1; i <= 5; i++) {
                append(journal, i * SECOND, new VolumeRemoved("v" + i));
            }
            List<EventMessage> seen = new ArrayList<>();
            new EventService(journal, codec).stream(new EventQuery(1L, null, Filters.none()),
                    m -> seen.add(m) && seen.size() < 2, () -> true);
            assertEquals(List.of("v1", "v2"), seen.stream().map(m -> m.actor().id()).toList());
        }
    }

    /** Docker's container events all name the container and its image; the journal has them at create only. */
    @Test
    void everyContainerEventCarriesTheNameAndImageFromTheCreateOrTheIndex() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS)) {
            ContainerConfig config = new ContainerConfig("bb:latest", List.of(), List.of("true"), List.of(), "/", "", "h",
                    Map.of(), List.of(), false, "none", List.of(), List.of(), false, List.of(), "SIGTERM", false);
            append(journal, 10 * SECOND, new ContainerCreated("c1", "web", "sha256:" + "a".repeat(64), config));
            append(journal, 20 * SECOND, new ContainerDied("c1", 0, ""));
            append(journal, 30 * SECOND, new ContainerRemoved("c1"));
            append(journal, 40 * SECOND, new ContainerDied("c2", 1, ""));
            append(journal, 41 * SECOND, new ContainerCreated("c3", "old", "sha256:" + "a".repeat(64), config));
            append(journal, 42 * SECOND, new io.cairn.engine.event.ContainerRenamed("c3", "old", "new"));
            append(journal, 43 * SECOND, new ContainerDied("c3", 0, ""));
            EventService service = new EventService(journal, codec, id -> id.equals("c2")
                    ? Optional.of(new ContainerIdentity("db", "pg:16")) : Optional.empty());

            List<EventMessage> all = range(service, 1L, 50 * SECOND, Filters.none());
            assertEquals(7, all.size());
            for (EventMessage m : all.subList(0, 3)) {
                assertEquals("web", m.actor().attributes().get("name"), m.toString());
                assertEquals("bb:latest", m.actor().attributes().get("image"), m.toString());
            }
            assertEquals("db", all.get(3).actor().attributes().get("name"), "from the index, the create being unseen");
            assertEquals("1", all.get(3).actor().attributes().get("exitCode"), "its own attributes kept");
            assertEquals("new", all.get(6).actor().attributes().get("name"), "after a rename, the new name");
            assertEquals(List.of(4L), range(service, 1L, 50 * SECOND,
                    Filters.parse(List.of("container=db"), EventQuery.FILTERS)).stream().map(EventMessage::index).toList(),
                    "a name filter matches events the journal recorded by ID alone");
        }
    }
}
