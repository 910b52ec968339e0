package io.cairn.engine.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.EngineFailureException;
import io.cairn.engine.container.ContainerRecord;
import io.cairn.engine.event.ContainerHealthChanged;
import io.cairn.engine.event.ContainerHealthProbed;
import io.cairn.engine.event.ContainerStarted;
import io.cairn.engine.event.ContainerStarting;
import io.cairn.engine.event.ContainerUpdated;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.event.Resources;
import io.cairn.engine.event.RestartPolicy;
import io.cairn.engine.json.Mappers;
import io.cairn.engine.state.Families;
import io.cairn.journal.Durability;
import io.cairn.journal.Journal;
import io.cairn.journal.chronicle.ChronicleJournal;
import io.cairn.storage.index.memory.MemoryIndexStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container's journal replays into the same record: one written by a Cairn before the version
 * bumps (version 1 {@code container.create} and {@code container.update}), then probes and an
 * {@code update --restart} of this one; and a newer Cairn's entry stops the replay by name.
 */
class ContainerReplayTest {

    private static final String ID = "c".repeat(64);

    @TempDir
    Path dir;

    private final EventCodec codec = new EventCodec();
    private final Replayer replayer = new Replayer(codec, io.cairn.engine.Projections.all());

    private void append(Journal journal, long timeNanos, Event event) {
        String type = EventTypes.nameOf(event);
        journal.append(type, EventTypes.versionOf(type), timeNanos, 0, codec.encode(event));
    }

    /** The payload a version 1 Cairn wrote for {@code type} (pinned beside the golden events). */
    private static byte[] versionOne(String type) throws Exception {
        try (InputStream in = EventCodec.class.getResourceAsStream("golden-events-v1.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith(type + "\t")) {
                    return line.substring(type.length() + 1).getBytes(StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no version 1 payload of " + type);
    }

    private static ContainerRecord record(MemoryIndexStore store) throws Exception {
        return Mappers.INDEX.readValue(store.get(Families.CONTAINERS, ID.getBytes(StandardCharsets.UTF_8)),
                ContainerRecord.class);
    }

    private static ContainerHealthProbed probe(int n, int exit, int streak) {
        return new ContainerHealthProbed(ID, Integer.toHexString(n).repeat(64).substring(0, 64), List.of("/bin/sh", "-c",
                "check"), n * 1000L, exit, "probe " + n, streak);
    }

    @Test
    void versionOneEntriesThenProbesAndARestartPolicyUpdateReplay() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS)) {
            journal.append("container.create", 1, 10, 0, versionOne("container.create"));
            journal.append("container.update", 1, 11, 0, versionOne("container.update"));
            append(journal, 12, new ContainerStarting(ID));
            append(journal, 13, new ContainerStarted(ID, 4242));
            for (int n = 1; n <= 6; n++) {
                append(journal, n * 1000L + 500, probe(n, n <= 3 ? 0 : 1, Math.max(0, n - 3)));
            }
            append(journal, 7000, new ContainerHealthChanged(ID, "unhealthy"));
            append(journal, 7001, new ContainerUpdated(ID, new Resources(100L << 20, -1, 0, 0, 0, "", -1, List.of(), 0,
                    false), new RestartPolicy("always", 0)));
            MemoryIndexStore store = MemoryIndexStore.open(Families.ALL);
            assertEquals(12, replayer.replay(journal, store, 1));
            ContainerRecord c = record(store);
            assertEquals("unhealthy", c.health());
            assertEquals(3, c.failingStreak());
            assertEquals(ContainerRecord.HEALTH_LOG, c.healthLog().size(), "the last five probes, not six");
            assertEquals(new ContainerRecord.HealthProbe(2000, 2500, 0, "probe 2"), c.healthLog().get(0));
            assertEquals(new ContainerRecord.HealthProbe(6000, 6500, 1, "probe 6"), c.healthLog().get(4));
            assertEquals(new RestartPolicy("always", 0), c.config().settings().restartPolicy());
            assertEquals(100L << 20, c.config().resources().memory());
            assertEquals(0, c.config().settings().consoleHeight(), "a version 1 create has no console size");

            // a restart of the process clears the streak, keeps the log (Docker's)
            append(journal, 8000, new ContainerStarted(ID, 4343));
            replayer.replay(journal, store, store.lastApplied() + 1);
            assertEquals(0, record(store).failingStreak());
            assertEquals(5, record(store).healthLog().size());
        }
    }

    @Test
    void anEntryANewerCairnWroteStopsTheReplayNamingItsVersion() throws Exception {
        try (Journal journal = ChronicleJournal.open(dir.resolve("journal"), Durability.PROCESS)) {
            journal.append("container.create", 3, 10, 0, versionOne("container.create"));
            EngineFailureException e = assertThrows(EngineFailureException.class,
                    () -> replayer.replay(journal, MemoryIndexStore.open(Families.ALL), 1));
            assertTrue(e.getMessage().contains("cannot replay journal entry 1 (container.create)"), e.getMessage());
            assertTrue(e.getMessage().contains("schema version 3; this Cairn reads versions 1 to 2"), e.getMessage());
        }
    }
}
