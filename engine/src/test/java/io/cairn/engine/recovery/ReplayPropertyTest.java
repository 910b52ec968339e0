package io.cairn.engine.recovery;

import io.cairn.engine.event.MountSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.CairnException;
import io.cairn.api.Filters;
import io.cairn.api.RebuildReport;
import io.cairn.api.VolumeCreateRequest;
import io.cairn.engine.Engine;
import io.cairn.engine.FakeRuntime;
import io.cairn.engine.TestEngines;
import io.cairn.engine.container.CreateRequest;

import io.cairn.engine.event.EventCodec;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.image.ConfigChanges;
import io.cairn.engine.image.ImageImporter;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.Projector;
import io.cairn.journal.Journal;
import io.cairn.storage.index.memory.MemoryIndexStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The journal is the truth (DESIGN.md): for any sequence of operations, replaying the journal into an
 * empty index gives the index the live pipeline built, digest for digest. The operations are what
 * runs without runc (images imported, tagged, untagged, deleted and pruned; volumes; containers
 * created and removed, with named and anonymous volumes), drawn from small pools of names so that
 * they collide, refuse and take objects from each other. Refused operations journal nothing and are
 * part of the sequence too.
 */
class ReplayPropertyTest {

    /** One operation; {@code a} and {@code b} pick names and contents from small pools. */
    record Op(Kind kind, int a, int b, boolean flag) {
        @Override
        public String toString() {
            return kind + "(" + a + "," + b + (flag ? ",flag" : "") + ")";
        }
    }

    enum Kind { IMPORT, TAG, RMI, IMAGE_PRUNE, VOLUME_CREATE, VOLUME_RM, VOLUME_PRUNE, CREATE, RM, CONTAINER_PRUNE }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3), Arbitraries.of(true, false)).as(Op::new);
        return op.list().ofMinSize(5).ofMaxSize(40);
    }

    @Property(tries = 12)
    void replayingTheJournalGivesTheLiveIndex(@ForAll("operations") List<Op> ops) throws Exception {
        Path root = Files.createTempDirectory("cairn-replay-");
        TestEngines.MemoryLocation index = new TestEngines.MemoryLocation();
        try {
            String live;
            try (Engine engine = TestEngines.open(root, index, new FakeRuntime())) {
                for (Op op : ops) {
                    try {
                        apply(engine, op);
                    } catch (CairnException refused) {
                        // a refused operation journals nothing; the sequence goes on
                    }
                }
                live = engine.digest();
                RebuildReport rebuilt = engine.rebuild();
                assertEquals(rebuilt.before(), rebuilt.after(), "rebuild from the journal differs from the live index");
                assertEquals(live, rebuilt.before());
            }
            // and from nothing, outside any engine: the Replayer alone over the journal
            MemoryIndexStore scratch = MemoryIndexStore.open(Families.ALL);
            try (Journal journal = TestEngines.journal(root)) {
                long entries = new Replayer(new EventCodec(), io.cairn.engine.Projections.all()).replay(journal, scratch, 1);
                assertEquals(journal.lastIndex(), entries);
            }
            try (Engine reopened = TestEngines.open(root, index, new FakeRuntime())) {
                // the reopened engine journaled a daemon start and changed nothing else
                assertEquals(live, reopened.digest());
            }
            assertEquals(live, scratch.digest().toString(), "a replay into an empty index differs");
            index.wipe();
            try (Engine fromJournal = TestEngines.open(root, index, new FakeRuntime())) {
                assertTrue(fromJournal.replayedAtOpen() > 0);
                assertEquals(live, fromJournal.digest(), "an engine opened on a lost index rebuilt another one");
            }
        } finally {
            Trees.delete(root);
        }
    }

    static void apply(Engine engine, Op op) throws IOException {
        String image = "img" + op.a();
        switch (op.kind()) {
            case IMPORT -> new ImageImporter(engine.images(), engine.root().tmp()).importRootfs(
                    new ByteArrayInputStream(tar("content " + op.b())), Optional.of(image),
                    ConfigChanges.apply(Map.of(), op.flag() ? List.of("CMD [\"/bin/sh\"]", "VOLUME /data")
                            : List.of("CMD [\"/bin/sh\"]")), null, 0);
            case TAG -> engine.images().tag(image, "img" + op.b(), 0);
            case RMI -> engine.images().remove(image, op.flag(), 0);
            case IMAGE_PRUNE -> engine.images().prune(op.flag(), Filters.none(), 0);
            case VOLUME_CREATE -> engine.volumes().create(new VolumeCreateRequest("vol" + op.a(), null, null,
                    op.flag() ? Map.of("k", "v" + op.b()) : null), 0);
            case VOLUME_RM -> engine.volumes().remove("vol" + op.a(), op.flag(), 0);
            case VOLUME_PRUNE -> engine.volumes().prune(op.flag() ? new Filters(Map.of("all", List.of("true")))
                    : Filters.none(), 0);
            case CREATE -> engine.containers().create(new CreateRequest(image, op.flag() ? "box" + op.b() : null,
                    null, null, null, null, null, null, Map.of("n", Integer.toString(op.b())),
                    op.flag() ? List.of(new MountSpec("volume", "vol" + op.b(), "/v", false, List.of())) : null,
                    false, null, null, null, false, null, false), 0);
            case RM -> engine.containers().remove("box" + op.b(), op.flag(), op.flag(), 0);
            case CONTAINER_PRUNE -> engine.containers().prune(Filters.none(), 0);
        }
    }

    private static byte[] tar(String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("etc/content");
            e.setSize(data.length);
            tar.putArchiveEntry(e);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
