package io.cairn.dockerfile.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.dockerfile.Diagnostic;
import io.cairn.dockerfile.dockerignore.IgnoreFile;
import io.cairn.dockerfile.plan.BuildOptions;
import io.cairn.dockerfile.plan.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checker against a real context directory: sources, .dockerignore, check directive, args, target. */
class DockerfileCheckerTest {

    @TempDir
    Path ctx;

    @BeforeEach
    void context() throws IOException {
        for (String f : List.of("app.jar", "src/main.go", "src/util.go", "docs/README.md", "docs/other.md",
                "secret.txt", "build/keep/x", "build/drop/y", "sub/app.Dockerfile")) {
            Path p = ctx.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f);
        }
        Files.writeString(ctx.resolve(".dockerignore"), "secret.txt\ndocs\n!docs/README.md\nbuild\n!build/keep\n");
    }

    private CheckReport check(String dockerfile) throws IOException {
        return check(dockerfile, BuildOptions.defaults(), Optional.empty());
    }

    private CheckReport check(String dockerfile, BuildOptions options, Optional<Path> dockerfilePath) throws IOException {
        IgnoreFile ignore = IgnoreFile.locate(ctx, dockerfilePath);
        return DockerfileChecker.check("Dockerfile", dockerfile, BuildContext.of(ctx, "\".\"", ignore.matcher()), options);
    }

    private static List<String> messages(CheckReport r) {
        return r.diagnostics().stream().map(d -> d.format("Dockerfile")).toList();
    }

    @Test
    void acceptsSourcesThatExistAfterIgnore() throws IOException {
        CheckReport r = check("""
                FROM alpine
                COPY app.jar /app/
                COPY src/*.go /src/
                COPY ["docs/README.md", "/docs/"]
                COPY build /b/
                COPY . /all/
                COPY ../../app.jar /escaped-is-clamped/
                ADD https://example.com/x.tgz /x/
                COPY <<EOF /inline
                hi
                EOF
                RUN --mount=type=bind,source=src,target=/src ls /src
                """);
        assertEquals(List.of(), messages(r));
        assertTrue(r.ok());
    }

    @Test
    void reportsEachMissingOrIgnoredSourceAtItsColumn() throws IOException {
        CheckReport r = check("""
                FROM alpine
                COPY missing.txt app.jar /dst/
                COPY secret.txt /
                COPY src/*.rs /src/
                COPY docs/other.md /
                ADD build/drop/y /y
                COPY src/*.go /single
                RUN --mount=type=bind,source=nope,target=/x true
                """);
        assertEquals(List.of(
                "Dockerfile:2:6: COPY source \"missing.txt\" not found in the build context \".\"",
                "Dockerfile:3:6: COPY source \"secret.txt\" not found in the build context \".\" (excluded by .dockerignore pattern \"secret.txt\")",
                "Dockerfile:4:6: COPY source \"src/*.rs\" matches no file in the build context \".\"",
                "Dockerfile:5:6: COPY source \"docs/other.md\" not found in the build context \".\" (excluded by .dockerignore pattern \"docs\")",
                "Dockerfile:6:5: ADD source \"build/drop/y\" not found in the build context \".\" (excluded by .dockerignore pattern \"build\")",
                // line 7: a wildcard's two matches onto a file destination are no error (BuildKit
                // copies each onto /single in turn), unlike the legacy builder
                "Dockerfile:8:5: RUN --mount source \"nope\" not found in the build context \".\""), messages(r));
        assertFalse(r.ok());
    }

    @Test
    void copyParentsWildcardsMayMatchNothingButLiteralPathsMustExist() throws IOException {
        CheckReport r = check("""
                FROM alpine
                COPY --parents ./src/**/*.go ./nothing/*.x /p/
                COPY --parents ./src/./main.go ./src/./gone.go /q/
                """);
        assertEquals(List.of("Dockerfile:3:32: COPY source \"./src/./gone.go\" not found in the build context \".\""),
                messages(r));
    }

    @Test
    void aDockerfileSpecificIgnoreFileWinsOverTheContextOne() throws IOException {
        Path df = ctx.resolve("sub/app.Dockerfile");
        Files.writeString(ctx.resolve("sub/app.Dockerfile.dockerignore"), "app.jar\n");
        CheckReport r = check("FROM alpine\nCOPY app.jar secret.txt /\n", BuildOptions.defaults(), Optional.of(df));
        assertEquals(List.of("Dockerfile:2:6: COPY source \"app.jar\" not found in the build context \".\" "
                + "(excluded by .dockerignore pattern \"app.jar\")"), messages(r));
    }

    @Test
    void onlyStagesTheTargetNeedsAreCheckedAgainstTheContext() throws IOException {
        String df = """
                FROM alpine AS a
                COPY missing-a /
                FROM alpine AS b
                COPY missing-b /
                """;
        BuildOptions targetA = new BuildOptions(Map.of(), Optional.of("a"), Platform.host());
        assertEquals(List.of("Dockerfile:2:6: COPY source \"missing-a\" not found in the build context \".\""),
                messages(check(df, targetA, Optional.empty())));
        assertEquals(List.of("Dockerfile:4:6: COPY source \"missing-b\" not found in the build context \".\""),
                messages(check(df)));
        BuildOptions nope = new BuildOptions(Map.of(), Optional.of("nope"), Platform.host());
        assertTrue(messages(check(df, nope, Optional.empty())).contains(
                "Dockerfile:1:1: target stage \"nope\" could not be found (stages: a, b)"));
    }

    @Test
    void theCheckDirectiveSkipsOrPromotesBuildChecks() throws IOException {
        String body = "FROM alpine\nMAINTAINER me\nCMD echo hi\n";
        assertEquals(List.of(
                "Dockerfile:2:1: warning: MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=\"me\" (MaintainerDeprecated)",
                "Dockerfile:3:1: warning: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals (JSONArgsRecommended)"),
                messages(check(body)));
        assertTrue(check(body).ok(), "warnings alone do not fail the check");
        assertEquals(List.of("Dockerfile:4:1: warning: JSON arguments recommended for CMD to prevent unintended "
                + "behavior related to OS signals (JSONArgsRecommended)"),
                messages(check("# check=skip=MaintainerDeprecated\n" + body)));
        CheckReport strict = check("# check=skip=JSONArgsRecommended;error=true\n" + body);
        assertFalse(strict.ok());
        assertEquals(Diagnostic.Severity.ERROR, strict.diagnostics().get(0).severity());
        assertEquals(List.of(), messages(check("# check=skip=all\n" + body)));
    }

    @Test
    void reportsBuildArgsNoArgConsumed() throws IOException {
        BuildOptions opts = new BuildOptions(Map.of("USED", "1", "UNUSED", "2", "HTTP_PROXY", "http://p"),
                Optional.empty(), Platform.host());
        CheckReport r = check("FROM alpine\nARG USED\nRUN echo $USED\n", opts, Optional.empty());
        assertEquals(Set.of("UNUSED"), r.unusedBuildArgs());
        assertEquals(Map.of("HTTP_PROXY", "http://p"), r.plan().proxyArgs());
    }

    @Test
    void withoutAContextEveryContextSourceIsAnError() {
        CheckReport r = DockerfileChecker.check("<stdin>", "FROM alpine\nCOPY a /a\nCOPY --from=alpine /b /b\n",
                BuildContext.none(), BuildOptions.defaults());
        assertEquals(List.of("<stdin>:2:6: COPY source \"a\" needs a build context, but there is none "
                + "(the Dockerfile was read from stdin)"), r.diagnostics().stream().map(d -> d.format("<stdin>")).toList());
    }

    @Test
    void rendersTheOffendingLineWithACaret() throws IOException {
        String df = "FROM alpine\n\tCOPY   missing /m\n";
        CheckReport r = check(df);
        assertEquals(List.of(
                "Dockerfile:2:9: COPY source \"missing\" not found in the build context \".\"",
                "  2 | \tCOPY   missing /m",
                "    | \t       ^"), r.render(df));
    }
}
