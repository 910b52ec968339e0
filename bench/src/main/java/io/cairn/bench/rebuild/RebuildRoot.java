package io.cairn.bench.rebuild;

import io.cairn.engine.layout.RootLayout;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.event.EventTypes;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.recovery.Replayer;
import io.cairn.engine.state.Families;
import io.cairn.engine.Projections;
import io.cairn.journal.Durability;
import io.cairn.journal.chronicle.ChronicleJournal;
import io.cairn.storage.index.rocks.RocksIndexStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a Cairn root whose journal holds {@code entries} volume events, in the daemon's on-disk
 * layout ({@link RootLayout}: Chronicle journal at {@code journal/}, RocksDB index at {@code index/}),
 * with the index already replayed up to the last entry.
 *
 * <p>The events come in pairs, create {@code v-N} then remove {@code v-N}, so that no volume is left
 * at the end: the daemon's start-up reconciliation then has no directory to create, while a rebuild
 * still replays every entry (one put and one delete in the index per pair). Payloads are encoded by
 * the engine's {@link EventCodec}, with mountpoints under the root's {@code volumes/}.
 *
 * <pre>
 * java -cp bench/target/cairn-bench-0.1.0-SNAPSHOT.jar:$(cat bench/target/classpath.txt) \
 *     io.cairn.bench.rebuild.RebuildRoot ROOT 1000000
 * </pre>
 */
public final class RebuildRoot {

    private RebuildRoot() {
    }

    /** What {@link #write} produced. */
    public record Written(long entries, long indexed, double journalSeconds, double indexSeconds) {
    }

    /**
     * Creates {@code root} (which must not hold a journal yet) and fills it.
     *
     * @throws IllegalArgumentException if {@code entries} is not a positive even number, or the root
     *     already has a journal (its entries would be mixed with the fixture's)
     */
    public static Written write(Path root, long entries) {
        if (entries <= 0 || entries % 2 != 0) {
            throw new IllegalArgumentException("entries must be a positive even number (create/remove pairs), not " + entries);
        }
        RootLayout layout = new RootLayout(root);
        if (Files.isDirectory(layout.journal()) && hasFiles(layout.journal())) {
            throw new IllegalArgumentException("root " + layout.dir() + " already has a journal at " + layout.journal());
        }
        layout.create();
        EventCodec codec = new EventCodec();
        String mountpoints = layout.volumes() + "/";
        long started = System.nanoTime();
        try (ChronicleJournal journal = ChronicleJournal.open(layout.journal(), Durability.PROCESS)) {
            long time = System.currentTimeMillis() * 1_000_000L;
            for (long i = 0; i < entries; i++) {
                String name = "v-" + (i / 2);
                Event event = i % 2 == 0
                        ? new VolumeCreated(name, "local", mountpoints + name, Map.of(), Map.of())
                        : new VolumeRemoved(name);
                journal.append(EventTypes.nameOf(event), EventTypes.versionOf(EventTypes.nameOf(event)), time + i, 0, codec.encode(event));
            }
            journal.flush();
            if (journal.lastIndex() != entries) {
                throw new IllegalStateException("journal " + layout.journal() + " ends at entry " + journal.lastIndex()
                        + " after appending " + entries);
            }
            double journalSeconds = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            try (RocksIndexStore index = RocksIndexStore.open(layout.index(), Families.ALL, false)) {
                new Replayer(codec, Projections.all()).replay(journal, index, 1);
                return new Written(entries, index.lastApplied(), journalSeconds, (System.nanoTime() - started) / 1e9);
            }
        }
    }

    /**
     * Appends {@code entries} more events (pairs, as {@link #write}, named {@code a-N}) to the journal
     * of a root {@link #write} made, and replays the index up to the new last entry: for a root whose
     * snapshot ({@code journal snapshot}) lies halfway in its journal. The daemon must be stopped.
     */
    public static Written append(Path root, long entries) {
        if (entries <= 0 || entries % 2 != 0) {
            throw new IllegalArgumentException("entries must be a positive even number (create/remove pairs), not " + entries);
        }
        RootLayout layout = new RootLayout(root);
        EventCodec codec = new EventCodec();
        String mountpoints = layout.volumes() + "/";
        long started = System.nanoTime();
        try (ChronicleJournal journal = ChronicleJournal.open(layout.journal(), Durability.PROCESS)) {
            long time = System.currentTimeMillis() * 1_000_000L;
            long before = journal.lastIndex();
            for (long i = 0; i < entries; i++) {
                String name = "a-" + (i / 2);
                Event event = i % 2 == 0
                        ? new VolumeCreated(name, "local", mountpoints + name, Map.of(), Map.of())
                        : new VolumeRemoved(name);
                journal.append(EventTypes.nameOf(event), EventTypes.versionOf(EventTypes.nameOf(event)), time + i, 0, codec.encode(event));
            }
            journal.flush();
            double journalSeconds = (System.nanoTime() - started) / 1e9;
            started = System.nanoTime();
            try (RocksIndexStore index = RocksIndexStore.open(layout.index(), Families.ALL, false)) {
                if (index.lastApplied() != before) {
                    throw new IllegalStateException("index " + layout.index() + " is at entry " + index.lastApplied()
                            + ", the journal was at " + before + ": start and stop the daemon once first");
                }
                new Replayer(codec, Projections.all()).replay(journal, index, before + 1);
                return new Written(journal.lastIndex(), index.lastApplied(), journalSeconds,
                        (System.nanoTime() - started) / 1e9);
            }
        }
    }

    private static boolean hasFiles(Path dir) {
        try (var list = Files.list(dir)) {
            return list.findAny().isPresent();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** {@code RebuildRoot ROOT ENTRIES [--append]}: prints what it wrote. */
    public static void main(String[] args) {
        if (args.length != 2 && !(args.length == 3 && args[2].equals("--append"))) {
            System.err.println("usage: RebuildRoot ROOT ENTRIES [--append]");
            System.exit(2);
        }
        Written w = args.length == 3 ? append(Path.of(args[0]), Long.parseLong(args[1]))
                : write(Path.of(args[0]), Long.parseLong(args[1]));
        System.out.printf("wrote %d journal entries in %.2f s; index replayed to entry %d in %.2f s%n",
                w.entries(), w.journalSeconds(), w.indexed(), w.indexSeconds());
    }
}
