package io.cairn.engine.build.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.dockerfile.dockerignore.PatternMatcher;
import io.cairn.storage.posix.Posix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's COPY rules over a real context directory, and the cache digest of the result. */
class CopyPlannerTest {

    @TempDir
    Path dir;
    private Path context;
    private Path image;

    @BeforeEach
    void setUp() throws Exception {
        context = Files.createDirectories(dir.resolve("context"));
        Files.createDirectories(context.resolve("src/sub"));
        Files.writeString(context.resolve("src/a.txt"), "a");
        Files.writeString(context.resolve("src/sub/b.txt"), "b");
        Files.writeString(context.resolve("src/secret.key"), "k");
        Files.writeString(context.resolve("top.txt"), "top");
        Posix.chmod(context.resolve("top.txt"), 0640);
        image = Files.createDirectories(dir.resolve("image"));
        Files.createDirectories(image.resolve("opt/existing"));
        Posix.chmod(image.resolve("opt"), 0700);
    }

    private List<CopyItem> plan(Ownership o, String dest, String... sources) throws Exception {
        ContextTree tree = new ContextTree(context, PatternMatcher.compile(List.of("**/*.key")));
        List<CopyPlanner.Source> srcs = java.util.Arrays.stream(sources)
                .map(s -> (CopyPlanner.Source) new CopyPlanner.Source.Path(s)).toList();
        return new CopyPlanner(tree, new MergedTree(List.of(image)), o, 42).plan(srcs, dest, "COPY");
    }

    private static List<String> dests(List<CopyItem> items) {
        return items.stream().map(i -> i.dest() + (i.kind() == CopyItem.Kind.DIRECTORY ? "/" : "")).toList();
    }

    @Test
    void aDirectoryCopiesItsContentsNotItselfAndDockerignoreApplies() throws Exception {
        assertEquals(List.of("app/", "app/a.txt", "app/sub/", "app/sub/b.txt"), dests(plan(Ownership.none(), "/app", "src")));
    }

    @Test
    void aFileGoesIntoADirectoryDestinationOrBecomesTheDestination() throws Exception {
        assertEquals(List.of("app/", "app/top.txt"), dests(plan(Ownership.none(), "/app/", "top.txt")));
        assertEquals(List.of("app/", "app/renamed"), dests(plan(Ownership.none(), "/app/renamed", "top.txt")));
        // an existing directory of the image is a directory destination even without the slash
        assertEquals(List.of("opt/", "opt/existing/", "opt/existing/top.txt"),
                dests(plan(Ownership.none(), "/opt/existing", "top.txt")));
    }

    @Test
    void severalSourcesWithoutASlashAreCopiedInTurnOntoTheDestinationAsBuildKitDoes() throws Exception {
        // two files: the second replaces the first at /app/one (BuildKit, moby/buildkit#1853)
        List<CopyItem> files = plan(Ownership.none(), "/app/one", "top.txt", "src/a.txt");
        assertEquals(List.of("app/", "app/one"), dests(files));
        assertEquals("a.txt", files.get(1).source().orElseThrow().getFileName().toString());
        // a wildcard's matches likewise: the last match wins
        List<CopyItem> matches = plan(Ownership.none(), "/one", "src/*.txt", "top.*");
        assertEquals(List.of("one"), dests(matches));
        assertEquals("top.txt", matches.get(0).source().orElseThrow().getFileName().toString());
        // a directory first makes the destination a directory, so the file then goes inside it
        assertEquals(List.of("app/", "app/a.txt", "app/sub/", "app/sub/b.txt", "app/top.txt"),
                dests(plan(Ownership.none(), "/app", "src", "top.txt")));
        // so does one that the image has
        assertEquals(List.of("opt/", "opt/existing/", "opt/existing/a.txt", "opt/existing/top.txt"),
                dests(plan(Ownership.none(), "/opt/existing", "top.txt", "src/a.txt")));
    }

    @Test
    void hereDocumentsAreCopiedAfterThePaths() throws Exception {
        ContextTree tree = new ContextTree(context, PatternMatcher.compile(List.of()));
        List<CopyPlanner.Source> srcs = List.of(new CopyPlanner.Source.Inline("EOF", "inline\n"),
                new CopyPlanner.Source.Path("top.txt"));
        List<CopyItem> items = new CopyPlanner(tree, new MergedTree(List.of(image)), Ownership.none(), 42)
                .plan(srcs, "/f", "COPY");
        assertEquals(List.of("f"), dests(items));
        assertEquals("inline\n", new String(items.get(0).content().orElseThrow(), java.nio.charset.StandardCharsets.UTF_8),
                "as in BuildKit's dispatchCopy, the here-document is copied last and wins");
    }

    @Test
    void existingParentsKeepTheImagesMetadataNewOnesAre0755() throws Exception {
        List<CopyItem> items = plan(Ownership.none(), "/opt/new/x", "top.txt");
        assertEquals(0700, items.get(0).mode(), "opt comes from the image");
        assertEquals(0755, items.get(1).mode(), "opt/new is created");
        assertEquals(0640, items.get(2).mode(), "the file keeps its mode");
        assertEquals(0, items.get(2).uid(), "context files become root's");
    }

    @Test
    void wildcardsAndChownChmod() throws Exception {
        Ownership o = new Ownership(Optional.of(new int[] {1000, 1001}), Optional.of(ModeChange.parse("0600")));
        List<CopyItem> items = plan(o, "/d/", "src/*.txt", "top.*");
        assertEquals(List.of("d/", "d/a.txt", "d/top.txt"), dests(items));
        CopyItem a = items.get(1);
        assertEquals(1000, a.uid());
        assertEquals(1001, a.gid());
        assertEquals(0600, a.mode());
        assertEquals(1000, items.get(0).uid(), "a created destination belongs to --chown's user");
    }

    @Test
    void aMissingSourceNamesItself() {
        CopyException e = assertThrows(CopyException.class, () -> plan(Ownership.none(), "/x", "nope.txt"));
        assertEquals("COPY failed: source \"nope.txt\" not found in the build context", e.getMessage());
        assertThrows(CopyException.class, () -> plan(Ownership.none(), "/x", "src/secret.key"),
                "an ignored file is not in the context");
    }

    @Test
    void theDigestFollowsContentModeAndOwnerButNotMtime() throws Exception {
        String before = CopyStager.digest(plan(Ownership.none(), "/app", "src"));
        Posix.setTimes(context.resolve("src/a.txt"), 12345, 0);
        assertEquals(before, CopyStager.digest(plan(Ownership.none(), "/app", "src")));
        Files.writeString(context.resolve("src/a.txt"), "A");
        String content = CopyStager.digest(plan(Ownership.none(), "/app", "src"));
        assertNotEquals(before, content);
        Posix.chmod(context.resolve("src/a.txt"), 0755);
        assertNotEquals(content, CopyStager.digest(plan(Ownership.none(), "/app", "src")));
        assertNotEquals(content, CopyStager.digest(plan(new Ownership(Optional.of(new int[] {1, 1}), Optional.empty()),
                "/app", "src")));
    }

    @Test
    void stagingWritesOwnersModesAndTimes() throws Exception {
        Path upper = Files.createDirectories(dir.resolve("upper"));
        Posix.setTimes(context.resolve("src/sub/b.txt"), 1000, 0);
        CopyStager.stage(plan(new Ownership(Optional.of(new int[] {7, 8}), Optional.empty()), "/new/app", "src"), upper);
        var st = Posix.lstat(upper.resolve("new/app/sub/b.txt"));
        assertEquals(7, st.uid());
        assertEquals(8, st.gid());
        assertEquals("b", Files.readString(upper.resolve("new/app/sub/b.txt")));
        assertEquals(1000, st.mtimeSeconds(), "files keep their mtime");
        assertEquals(42, Posix.lstat(upper.resolve("new")).mtimeSeconds(), "created parents get the build time");
    }
}
