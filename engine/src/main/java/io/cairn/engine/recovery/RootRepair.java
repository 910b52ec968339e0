package io.cairn.engine.recovery;

import io.cairn.engine.layout.RootLayout;
import io.cairn.api.EngineFailureException;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.IndexLocation;
import io.cairn.engine.state.LayeredReader;
import io.cairn.engine.state.Overlay;
import io.cairn.engine.state.Projector;
import io.cairn.engine.state.StateReader;
import io.cairn.journal.Durability;
import io.cairn.journal.RepairReport;
import io.cairn.journal.chronicle.ChronicleJournal;
import io.cairn.journal.chronicle.ChronicleJournalOptions;
import io.cairn.storage.index.IndexStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code cairn journal repair}: brings a root with a damaged journal back to a state the daemon can
 * start from, deleting nothing. The caller holds the root's lock (no daemon runs).
 *
 * <ol>
 *   <li>The journal is cut back to its last good entry ({@link ChronicleJournal#repair}); the
 *       damaged original is kept beside it.</li>
 *   <li>The index is rebuilt from what is left, as {@code journal rebuild} would.</li>
 *   <li>What the dropped entries had created is now unknown to the index, and the next start's
 *       reconcile would delete it as garbage. So every volume, container directory, blob and layer
 *       the rebuilt index does not know is moved to {@code lost+found/<time>/}, mirroring its
 *       path under the root, for the operator to inspect, restore or delete.</li>
 * </ol>
 * A journal that verifies is left alone, and so is the index unless it applied entries the journal
 * no longer holds (a damaged last entry reads as a torn tail): then steps 2 and 3 run.
 */
public final class RootRepair {

    /**
     * What a repair did.
     *
     * @param journal  the cut: entries kept, entries dropped, where the damaged journal is
     * @param digest   state digest of the rebuilt index; empty when nothing was repaired
     * @param salvaged every path moved to lost+found, as "FROM -> TO"
     * @param indexWasAt the last entry the index had applied before the repair
     */
    public record Outcome(RepairReport journal, String digest, List<String> salvaged, long indexWasAt) {
        /** Whether anything changed: the journal was cut, or the index was rebuilt. */
        public boolean changed() {
            return !digest.isEmpty();
        }
    }

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final RootLayout root;
    private final IndexLocation location;
    private final Projector projector;

    /** @param projector the daemon's projections, so that the rebuilt index is the one a start would replay */
    public RootRepair(RootLayout root, IndexLocation location, Projector projector) {
        this.root = root;
        this.location = location;
        this.projector = projector;
    }

    public Outcome run() {
        RepairReport cut = ChronicleJournal.repair(root.journal(), ChronicleJournalOptions.defaults(Durability.SYNC));
        long applied;
        try (IndexStore live = location.open()) {
            applied = live.lastApplied();
        } catch (IOException e) {
            throw new EngineFailureException("cannot read the index at " + root.index() + ": " + e.getMessage(), e);
        }
        // A sound journal behind the index lost entries the index applied: a damaged last entry reads
        // as a torn tail. The start refuses that root too; rebuilding from the journal mends it.
        if (!cut.repaired() && applied <= cut.kept()) {
            return new Outcome(cut, "", List.of(), applied);
        }
        IndexStore rebuilt = rebuildIndex();
        try {
            StateReader state = new LayeredReader(rebuilt, new Overlay());
            String digest = rebuilt.digest().toString();
            return new Outcome(cut, digest, salvage(state), applied);
        } catch (IOException e) {
            throw new EngineFailureException("journal repaired and index rebuilt, but moving what the index no longer"
                    + " knows to " + root.dir().resolve("lost+found") + " failed: " + e.getMessage()
                    + "; do not start the daemon before it is moved (its reconcile would delete it)", e);
        } finally {
            try {
                rebuilt.close();
            } catch (IOException e) {
                // the index is written; a failed close loses nothing
            }
        }
    }

    private IndexStore rebuildIndex() {
        IndexStore live = location.open();
        IndexStore scratch = location.openScratch();
        try (ChronicleJournal journal = ChronicleJournal.open(root.journal(), Durability.SYNC)) {
            new Replayer(new EventCodec(), projector).replay(journal, scratch, 1);
        } catch (RuntimeException e) {
            location.discard(scratch);
            throw e;
        }
        return location.promote(live, scratch);
    }

    private List<String> salvage(StateReader state) throws IOException {
        Path lostFound = root.dir().resolve("lost+found").resolve(STAMP.format(Instant.now()));
        List<String> moved = new ArrayList<>();
        Predicate<String> anyName = name -> true;
        moveUnknown(root.volumes(), anyName, name -> state.get(Families.VOLUMES, name) != null, lostFound, moved);
        moveUnknown(root.containers(), anyName, id -> state.get(Families.CONTAINERS, id) != null, lostFound, moved);
        moveUnknown(root.layers(), HEX.asMatchPredicate(),
                hex -> state.get(Families.LAYERS, "sha256:" + hex) != null, lostFound, moved);
        if (Files.isDirectory(root.blobs())) {
            try (var algorithms = Files.list(root.blobs())) {
                for (Path dir : algorithms.filter(Files::isDirectory).sorted().toList()) {
                    String algorithm = dir.getFileName().toString();
                    moveUnknown(dir, anyName, hex -> state.get(Families.BLOBS, algorithm + ":" + hex) != null,
                            lostFound, moved);
                }
            }
        }
        return moved;
    }

    /** Moves the entries of {@code dir} that {@code eligible} accepts and {@code known} rejects. */
    private void moveUnknown(Path dir, Predicate<String> eligible, Predicate<String> known, Path lostFound,
                             List<String> moved) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> entries;
        try (var list = Files.list(dir)) {
            entries = list.sorted().toList();
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (eligible.test(name) && !known.test(name)) {
                Path target = lostFound.resolve(root.dir().relativize(entry));
                createPrivateDirectories(lostFound);
                Files.createDirectories(target.getParent());
                Files.move(entry, target, StandardCopyOption.ATOMIC_MOVE);
                moved.add(entry + " -> " + target);
            }
        }
    }

    private static void createPrivateDirectories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent(), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }
}
