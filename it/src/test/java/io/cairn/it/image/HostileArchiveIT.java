package io.cairn.it.image;

import io.cairn.it.Scratch;
import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the {@link HostileCorpus} through the CLI, as {@code cairn import} of a rootfs
 * tarball and as {@code cairn load} of a docker-archive (hostile layer, lying digests, hostile
 * archive): each exits 1 with one {@code Error: …} line naming the entry, digest or limit at fault;
 * afterwards {@code cairn images} is unchanged, {@code cairn system check} passes, {@code <root>/tmp}
 * is empty, the root's {@code layers/} and {@code blobs/} are as before, and nothing changed next to
 * the root: a canary directory (the corpus's target) and the rest of the work directory are
 * snapshotted before and compared after each case.
 *
 * <p>One root for the class, holding one imported image so that "unchanged" has something to keep.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileArchiveIT {

    private Path work;
    private Path canary;
    private Cairn cairn;
    private final List<HostileCorpus.Case> all = new ArrayList<>();
    /** {@link #images()} as it must stay: the one imported image. */
    private List<String> expectedImages;

    @BeforeAll
    void setUp() throws Exception {
        work = Files.createTempDirectory(Path.of("/tmp"), "cairn-hostile-");
        canary = Files.createDirectories(work.resolve("canary"));
        Files.writeString(canary.resolve("file"), "canary\n");
        Files.createDirectories(canary.resolve("sub"));
        Files.writeString(canary.resolve("sub/kept"), "kept\n");
        cairn = new Cairn(work.resolve("root"));
        HostileCorpus corpus = new HostileCorpus(canary);
        all.addAll(corpus.layers());
        all.addAll(corpus.archives());
        Path rootfs = Fixtures.busyboxTar(work.resolve("busybox.tar"));
        cairn.run("import", rootfs.toString(), "base:1").ok();
        expectedImages = images();
        assertEquals(1, expectedImages.size(), expectedImages.toString());
    }

    @AfterAll
    void tearDown() throws Exception {
        try (Cairn c = cairn) {
            // stops the daemon and deletes the root
        } finally {
            if (work != null) {
                Scratch.delete(work);
            }
        }
    }

    /** Runs after {@link #setUp()}: the corpus is aimed at this class's canary. */
    Stream<HostileCorpus.Case> cases() {
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusedAndNothingChanges(HostileCorpus.Case hostile) throws Exception {
        Path input = work.resolve("input.tar");
        Files.write(input, hostile.via() == HostileCorpus.Via.LOAD_LAYER ? HostileCorpus.dockerArchive(hostile)
                : hostile.bytes());
        Set<String> skip = Set.of("root", "input.tar");
        TreeSnapshot outside = TreeSnapshot.of(work, skip);
        TreeSnapshot store = storeSnapshot();
        List<String> after = null;
        try {
            Exec.Result result = hostile.via() == HostileCorpus.Via.IMPORT
                    ? cairn.run("import", input.toString(), "hostile:import")
                    : cairn.run("load", "-i", input.toString());

            assertEquals(1, result.exit(), result.toString());
            List<String> errors = result.err().lines().filter(l -> l.startsWith("Error: ")).toList();
            assertEquals(1, errors.size(), result.toString());
            for (String mention : hostile.mentions()) {
                assertTrue(errors.get(0).contains(mention),
                        "the error names " + abbreviate(mention) + ": " + abbreviate(errors.get(0)));
            }
            assertFalse(result.out().contains("Loaded image"), result.toString());
            after = images();
            assertEquals(expectedImages, after, "cairn images unchanged");
            assertEquals(List.of(), Fixtures.list(cairn.root().resolve("tmp")), "nothing left in <root>/tmp");
            assertEquals("", TreeSnapshot.of(work, skip).changesSince(outside), "nothing changed outside the root");
            assertEquals("canary\n", Files.readString(canary.resolve("file")));
            Exec.Result check = cairn.run("system", "check");
            assertEquals(0, check.exit(), check.toString());
            assertEquals("", storeSnapshot().changesSince(store), "the refused input left nothing in layers/ or blobs/");
        } finally {
            Files.deleteIfExists(input);
            // an image a failing case let in must not fail the cases after it
            if (after == null || !after.equals(expectedImages)) {
                for (String row : images()) {
                    if (!expectedImages.contains(row)) {
                        cairn.run("rmi", "-f", Fixtures.json(row).path("ID").asText());
                    }
                }
            }
        }
    }

    /** {@code cairn images --no-trunc --format json}, one row per line, without the relative CreatedSince. */
    private List<String> images() throws Exception {
        return cairn.run("images", "--no-trunc", "--format", "json").ok().lines().stream()
                .map(l -> ((com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.json(l)).without("CreatedSince").toString())
                .toList();
    }

    private TreeSnapshot storeSnapshot() throws Exception {
        return TreeSnapshot.of(cairn.root(), Set.of("journal", "index", "tmp", "daemon.log", "cairn.pid",
                "cairn.sock", "cairn.lock", "runtime", "containers", "volumes"), false);
    }

    /** Messages about megabyte-long names stay readable. */
    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 150) + "…" + s.substring(s.length() - 150);
    }
}
