package io.cairn.engine.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.CairnException;
import io.cairn.api.JournalSnapshot;
import io.cairn.api.RebuildReport;
import io.cairn.engine.Engine;
import io.cairn.engine.FakeRuntime;
import io.cairn.engine.TestEngines;
import io.cairn.engine.daemon.RocksIndexLocation;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.layout.RootLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A snapshot of the index at N plus the journal after N replays to the digest a replay from entry 1
 * gives, and to the live index's, for any sequence of operations ({@link ReplayPropertyTest}'s) and
 * any point of it where the snapshots are taken; over the daemon's RocksDB index, whose checkpoint a
 * snapshot is.
 */
class SnapshotReplayPropertyTest {

    @Provide
    Arbitrary<List<ReplayPropertyTest.Op>> operations() {
        Arbitrary<ReplayPropertyTest.Op> op = Combinators.combine(Arbitraries.of(ReplayPropertyTest.Kind.class),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
                .as(ReplayPropertyTest.Op::new);
        return op.list().ofMinSize(4).ofMaxSize(30);
    }

    @Property(tries = 10)
    void aSnapshotPlusTheJournalAfterItReplaysToTheDigestOfAReplayFromEntryOne(
            @ForAll("operations") List<ReplayPropertyTest.Op> ops, @ForAll @IntRange(min = 0, max = 100) int percent,
            @ForAll @IntRange(min = 0, max = 100) int secondPercent) throws Exception {
        Path root = Files.createTempDirectory("cairn-snapshot-");
        RootLayout layout = new RootLayout(root).create();
        int first = ops.size() * percent / 100;
        int second = Math.max(first, ops.size() * secondPercent / 100);
        try {
            String live;
            long newest;
            int distinct;
            try (Engine engine = open(layout)) {
                JournalSnapshot a = null;
                JournalSnapshot b = null;
                for (int i = 0; i <= ops.size(); i++) {
                    if (i == first) {
                        a = engine.snapshot();
                    }
                    if (i == second) {
                        b = engine.snapshot();
                    }
                    if (i < ops.size()) {
                        try {
                            ReplayPropertyTest.apply(engine, ops.get(i));
                        } catch (CairnException refused) {
                            // a refused operation journals nothing; the sequence goes on
                        }
                    }
                }
                newest = Math.max(a.index(), b.index());
                distinct = a.index() == b.index() ? 1 : 2;
                if (distinct == 1) {
                    assertEquals(a, b, "a second snapshot at the same entry is the first one");
                }
                live = engine.digest();
                RebuildReport fromSnapshot = engine.rebuild(false, true);
                assertEquals(newest, fromSnapshot.fromSnapshot(), "the newest snapshot is used");
                assertEquals(List.of(), fromSnapshot.refused());
                assertEquals(engine.journalIndex() - newest, fromSnapshot.entries(), "only the entries after N replay");
                assertEquals(live, fromSnapshot.after(), "snapshot + journal after it != the live index");
                assertTrue(fromSnapshot.swapped());
                RebuildReport fromOne = engine.rebuild(false, false);
                assertEquals(0, fromOne.fromSnapshot());
                assertEquals(live, fromOne.after(), "a replay from entry 1 != the live index");
                assertEquals(fromSnapshot.after(), fromOne.after());
            }
            try (Engine reopened = open(layout)) {
                assertEquals(live, reopened.digest(), "the promoted index after a reopen");
                assertEquals(distinct, reopened.snapshots().size(), reopened.snapshots().toString());
            }
        } finally {
            Trees.delete(root);
        }
    }

    private static Engine open(RootLayout layout) {
        return Engine.open(layout, TestEngines.journal(layout.dir()), new RocksIndexLocation(layout.index(), false),
                1024, 0, new FakeRuntime(), (container, rootfs, bundle, mounts) -> { });
    }
}
