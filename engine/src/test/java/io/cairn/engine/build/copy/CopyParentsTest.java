package io.cairn.engine.build.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.dockerfile.dockerignore.PatternMatcher;
import io.cairn.storage.posix.Posix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** COPY --parents in the planner: the Dockerfile reference's examples, the pivot, metadata, failures. */
class CopyParentsTest {

    @TempDir
    Path dir;
    private Path context;
    private Path image;

    @BeforeEach
    void setUp() throws Exception {
        context = Files.createDirectories(dir.resolve("context"));
        for (String f : List.of("x/a.txt", "x/y/a.txt", "x/y/b.txt", "x/y/c.md", "y/a.txt", "src/a.txt", "src/x/b.txt",
                "src/x/y/c.txt", "src/x/y/d.bin", "packages/web/package.json", "packages/web/index.js",
                "packages/api/package.json", "secret/key.txt")) {
            Path p = context.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        Posix.chmod(context.resolve("x"), 0750);
        image = Files.createDirectories(dir.resolve("image"));
        Files.createDirectories(image.resolve("parents"));
        Posix.chmod(image.resolve("parents"), 0711);
    }

    private List<CopyItem> plan(String dest, List<String> excludes, String... sources) throws Exception {
        return plan(new ContextTree(context, PatternMatcher.compile(List.of("secret"))), Ownership.none(), dest, excludes,
                sources);
    }

    private List<CopyItem> plan(SourceTree tree, Ownership o, String dest, List<String> excludes, String... sources)
            throws Exception {
        List<CopyPlanner.Source> srcs = Arrays.stream(sources)
                .map(s -> (CopyPlanner.Source) new CopyPlanner.Source.Path(s)).toList();
        return new CopyPlanner(tree, new MergedTree(List.of(image)), o, 42, new Selection(Excludes.of(excludes), true))
                .plan(srcs, dest, "COPY");
    }

    private static List<String> dests(List<CopyItem> items) {
        return items.stream().map(i -> i.dest() + (i.kind() == CopyItem.Kind.DIRECTORY ? "/" : "")).toList();
    }

    private static CopyItem at(List<CopyItem> items, String dest) {
        return items.stream().filter(i -> i.dest().equals(dest)).findFirst().orElseThrow();
    }

    @Test
    void sourcesKeepTheirParentDirectories() throws Exception {
        // COPY --parents ./x/a.txt ./y/a.txt /parents/
        assertEquals(List.of("parents/", "parents/x/", "parents/x/a.txt", "parents/y/", "parents/y/a.txt"),
                dests(plan("/parents/", List.of(), "./x/a.txt", "./y/a.txt")));
    }

    @Test
    void onlyTheDirectoriesAfterThePivotAreKept() throws Exception {
        // COPY --parents ./x/./y/*.txt /parents/
        assertEquals(List.of("parents/", "parents/y/", "parents/y/a.txt", "parents/y/b.txt"),
                dests(plan("/parents/", List.of(), "./x/./y/*.txt")));
    }

    @Test
    void doubleStarMatchesAnyNumberOfDirectoriesIncludingNone() throws Exception {
        // COPY --parents ./src/**/*.txt /parents/
        assertEquals(List.of("parents/", "parents/src/", "parents/src/a.txt", "parents/src/x/", "parents/src/x/b.txt",
                "parents/src/x/y/", "parents/src/x/y/c.txt"), dests(plan("/parents/", List.of(), "./src/**/*.txt")));
    }

    @Test
    void aWildcardInTheMiddleCreatesOnlyTheDirectoriesThatLeadToAMatch() throws Exception {
        List<CopyItem> items = plan("/app", List.of(), "packages/*/package.json");
        assertEquals(List.of("app/", "app/packages/", "app/packages/api/", "app/packages/api/package.json",
                "app/packages/web/", "app/packages/web/package.json"), dests(items));
    }

    @Test
    void aMatchedDirectoryComesWithItsContents() throws Exception {
        assertEquals(List.of("d/", "d/x/", "d/x/y/", "d/x/y/a.txt", "d/x/y/b.txt", "d/x/y/c.md"),
                dests(plan("/d", List.of(), "x/y")));
    }

    @Test
    void parentsKeepTheSourcesMetadataTheDestinationTheImages() throws Exception {
        List<CopyItem> items = plan("/parents", List.of(), "x/y/a.txt");
        assertEquals(0711, at(items, "parents").mode(), "the destination exists in the image");
        assertEquals(0750, at(items, "parents/x").mode(), "a parent is copied with its mode");
        assertEquals(0, at(items, "parents/x").uid(), "context files become root's");
        List<CopyItem> chowned = plan(new ContextTree(context, PatternMatcher.none()),
                new Ownership(Optional.of(new int[] {5, 6}), Optional.of(ModeChange.parse("go-rwx"))), "/new", List.of(),
                "x/y/a.txt");
        assertEquals(0755, at(chowned, "new").mode(), "a created destination is 0755");
        assertEquals(5, at(chowned, "new").uid());
        assertEquals(0700, at(chowned, "new/x").mode(), "--chmod applies to copied parents");
        assertEquals(6, at(chowned, "new/x/y").gid());
    }

    @Test
    void excludesAreRelativeToTheRoot() throws Exception {
        assertEquals(List.of("d/", "d/y/", "d/y/a.txt", "d/y/b.txt"), dests(plan("/d/", List.of("y/*.md"), "x/./y")));
        assertEquals(List.of("d/", "d/src/", "d/src/a.txt", "d/src/x/", "d/src/x/b.txt"),
                dests(plan("/d/", List.of("src/x/y"), "src/**/*.txt")));
    }

    @Test
    void fromAnotherStageWithAnAbsolutePivot() throws Exception {
        Path layer = Files.createDirectories(dir.resolve("layer"));
        for (String f : List.of("app/bin/tool", "app/bin/helper", "app/lib/x.so")) {
            Path p = layer.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        Posix.lchown(layer.resolve("app/bin"), 7, 8);
        Posix.chmod(layer.resolve("app/bin"), 0700);
        ImageTree tree = new ImageTree(new MergedTree(List.of(layer)), "stage build");
        List<CopyItem> items = plan(tree, Ownership.none(), "/out/", List.of("bin/helper"), "/app/./bin/*");
        assertEquals(List.of("out/", "out/bin/", "out/bin/tool"), dests(items));
        assertEquals(7, at(items, "out/bin").uid(), "--from keeps owners, of parents too");
        assertEquals(0700, at(items, "out/bin").mode());
        assertEquals(List.of("out/", "out/app/", "out/app/lib/", "out/app/lib/x.so"),
                dests(plan(tree, Ownership.none(), "/out/", List.of(), "/app/lib/x.so")));
    }

    @Test
    void aMissingLiteralSourceFailsAnEmptyWildcardCopiesNothing() throws Exception {
        CopyException e = assertThrows(CopyException.class, () -> plan("/d/", List.of(), "x/nope.txt"));
        assertEquals("COPY failed: source \"x/nope.txt\" not found in the build context", e.getMessage());
        assertThrows(CopyException.class, () -> plan("/d/", List.of(), "nope/./a.txt"), "a missing root");
        assertThrows(CopyException.class, () -> plan("/d/", List.of(), "x/a.txt/b"), "a path through a file");
        assertThrows(CopyException.class, () -> plan("/d/", List.of(), "secret/key.txt"), ".dockerignore hides it");
        assertEquals(List.of("d/"), dests(plan("/d/", List.of(), "x/*.nothing")),
                "BuildKit allows an empty wildcard with --parents");
    }

    @Test
    void theRootMustBeADirectory() {
        CopyException e = assertThrows(CopyException.class, () -> plan("/d/", List.of(), "x/a.txt/./b"));
        assertEquals("COPY --parents x/a.txt/./b: \"x/a.txt\", where the copy starts, is not a directory in the build context",
                e.getMessage());
    }
}
