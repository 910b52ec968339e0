package io.cairn.engine.build.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/** COPY/ADD --exclude in the planner: relative to each source, for the context and --from, out of the cache key. */
class CopyExcludeTest {

    @TempDir
    Path dir;
    private Path context;
    private Path image;

    @BeforeEach
    void setUp() throws Exception {
        context = Files.createDirectories(dir.resolve("context"));
        for (String f : List.of("app/main.go", "app/README.md", "app/docs/guide.md", "app/tests/a_test.go",
                "app/tests/keep.txt", "home.txt", "home.go", "homer.md", "ignored.log")) {
            Path p = context.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        image = Files.createDirectories(dir.resolve("image"));
    }

    private List<CopyItem> plan(String dest, List<String> excludes, String... sources) throws Exception {
        ContextTree tree = new ContextTree(context, PatternMatcher.compile(List.of("*.log")));
        return plan(tree, dest, excludes, sources);
    }

    private List<CopyItem> plan(SourceTree tree, String dest, List<String> excludes, String... sources) throws Exception {
        List<CopyPlanner.Source> srcs = Arrays.stream(sources)
                .map(s -> (CopyPlanner.Source) new CopyPlanner.Source.Path(s)).toList();
        return new CopyPlanner(tree, new MergedTree(List.of(image)), Ownership.none(), 42,
                new Selection(Excludes.of(excludes), false)).plan(srcs, dest, "COPY");
    }

    private static List<String> dests(List<CopyItem> items) {
        return items.stream().map(i -> i.dest() + (i.kind() == CopyItem.Kind.DIRECTORY ? "/" : "")).toList();
    }

    @Test
    void patternsAreRelativeToTheSourceDirectoryNotTheContext() throws Exception {
        assertEquals(List.of("out/", "out/docs/", "out/docs/guide.md", "out/main.go", "out/tests/", "out/tests/a_test.go",
                "out/tests/keep.txt"), dests(plan("/out", List.of("*.md"), "app")), "*.md: only the top level of app");
        assertEquals(List.of("out/", "out/docs/", "out/main.go", "out/tests/", "out/tests/a_test.go", "out/tests/keep.txt"),
                dests(plan("/out", List.of("**/*.md"), "app")));
        assertEquals(List.of("out/", "out/README.md", "out/docs/", "out/docs/guide.md", "out/main.go", "out/tests/",
                "out/tests/a_test.go", "out/tests/keep.txt"), dests(plan("/out", List.of("app/*.md"), "app")),
                "a context-relative pattern does not match below the source");
    }

    @Test
    void anExcludedDirectoryGoesWholeUnlessSomethingBelowIsReincluded() throws Exception {
        assertEquals(List.of("out/", "out/README.md", "out/docs/", "out/docs/guide.md", "out/main.go"),
                dests(plan("/out", List.of("tests"), "app")));
        assertEquals(List.of("out/", "out/README.md", "out/docs/", "out/docs/guide.md", "out/main.go", "out/tests/",
                "out/tests/keep.txt"), dests(plan("/out", List.of("tests", "!tests/keep.txt"), "app")));
    }

    @Test
    void aWildcardsMatchesAreFilteredTooAsTheReferenceShows() throws Exception {
        // COPY --exclude=*.txt hom* /mydir/ (Dockerfile reference)
        assertEquals(List.of("mydir/", "mydir/home.go", "mydir/homer.md"), dests(plan("/mydir/", List.of("*.txt"), "hom*")));
        assertEquals(List.of("mydir/", "mydir/home.go"), dests(plan("/mydir/", List.of("*.txt", "*.md"), "hom*")));
        // relative to the directory the wildcard expands in
        assertEquals(List.of("d/", "d/main.go"), dests(plan("/d/", List.of("*.md"), "app/*.??")));
    }

    @Test
    void aLiteralSourceIsNeverExcludedItself() throws Exception {
        assertEquals(List.of("d/", "d/home.txt"), dests(plan("/d/", List.of("*.txt"), "home.txt")));
    }

    @Test
    void anExcludedMatchIsNotCopiedOntoTheDestination() throws Exception {
        // as BuildKit: each match is copied onto /one in turn; --exclude leaves home.txt out, so
        // /one is home.go (before BuildKit's rules, two matches made /one a directory)
        List<CopyItem> items = plan("/one", List.of("*.txt"), "home.*");
        assertEquals(List.of("one"), dests(items));
        assertEquals("home.go", items.get(0).source().orElseThrow().getFileName().toString());
    }

    @Test
    void dockerignoreStillApplies() throws Exception {
        assertThrows(CopyException.class, () -> plan("/d/", List.of("*.md"), "ignored.log"));
    }

    @Test
    void fromAnotherStageThePatternsAreRelativeToTheSourceToo() throws Exception {
        Path layer = Files.createDirectories(dir.resolve("layer"));
        for (String f : List.of("srv/app/bin/tool", "srv/app/bin/tool.debug", "srv/app/lib/x.so")) {
            Path p = layer.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        Posix.lchown(layer.resolve("srv/app/bin/tool"), 1000, 1000);
        ImageTree tree = new ImageTree(new MergedTree(List.of(layer)), "stage build");
        List<CopyItem> items = plan(tree, "/opt", List.of("**/*.debug", "lib"), "/srv/app");
        assertEquals(List.of("opt/", "opt/bin/", "opt/bin/tool"), dests(items));
        assertEquals(1000, items.get(2).uid(), "--from keeps owners");
    }

    @Test
    void excludedFilesAreNotPartOfTheCacheKey() throws Exception {
        String before = CopyStager.digest(plan("/out", List.of("**/*.md"), "app"));
        Files.writeString(context.resolve("app/docs/guide.md"), "changed");
        Files.writeString(context.resolve("app/new.md"), "new");
        assertEquals(before, CopyStager.digest(plan("/out", List.of("**/*.md"), "app")));
        Files.writeString(context.resolve("app/main.go"), "changed");
        assertNotEquals(before, CopyStager.digest(plan("/out", List.of("**/*.md"), "app")));
    }

    @Test
    void aBadPatternFailsThePlan() {
        CopyException e = assertThrows(CopyException.class, () -> plan("/out", List.of("[z-a]"), "app"));
        assertEquals("--exclude=[z-a]: character range z-a is reversed", e.getMessage());
    }

    @Test
    void stagedLayerHoldsOnlyWhatIsLeft() throws Exception {
        Path upper = Files.createDirectories(dir.resolve("upper"));
        CopyStager.stage(plan("/out", List.of("tests", "**/*.md"), "app"), upper);
        try (var s = Files.walk(upper)) {
            assertEquals(List.of("out", "out/docs", "out/main.go"),
                    s.skip(1).map(p -> upper.relativize(p).toString()).sorted().toList());
        }
        assertEquals(Optional.of("app/main.go"), Optional.of(Files.readString(upper.resolve("out/main.go"))));
    }
}
