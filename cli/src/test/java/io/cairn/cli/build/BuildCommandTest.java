package io.cairn.cli.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cairn build} in-process: output shapes, the one-line error, and the 0 / 1 / 125 exit codes. */
class BuildCommandTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Result run(BuildCommand cmd, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        io.cairn.cli.Main.handlingErrors(cl, () -> false); // as in cairn: the exit code follows the error's kind
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private Result run(String... args) {
        return run(new BuildCommand(), args);
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void checkOfABuildableDockerfileExitsZero() throws IOException {
        write("Dockerfile", "FROM alpine\nCOPY app /app\nCMD [\"/app\"]\n");
        write("app", "bin");
        Result r = run("--check", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("Check complete, no problems found.\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void problemsArePrintedWithPositionAndSourceAndExitOne() throws IOException {
        write("Dockerfile", "FROM alpine\nCOPY missing /m\nFROB x\n");
        Result r = run("--check", dir.toString());
        assertEquals(1, r.code());
        String df = dir.resolve("Dockerfile").toString();
        assertEquals(String.join("\n",
                df + ":2:6: COPY source \"missing\" not found in the build context \"" + dir + "\"",
                "  2 | COPY missing /m",
                "    |      ^",
                df + ":3:1: unknown instruction: FROB (did you mean FROM?)",
                "  3 | FROB x",
                "    | ^",
                ""), r.out());
        assertEquals("Error: " + df + ":2:6: COPY source \"missing\" not found in the build context \"" + dir
                + "\" (and 1 more error)\n", r.err());
    }

    @Test
    void warningsAloneExitZero() throws IOException {
        write("Dockerfile", "FROM alpine\nMAINTAINER me\n");
        Result r = run("--check", "--build-arg", "NOPE=1", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(":2:1: warning: MAINTAINER is deprecated"), r.out());
        assertTrue(r.out().contains("warning: one or more build-args [NOPE] were not consumed"), r.out());
        assertTrue(r.out().endsWith("Check complete, 2 warnings, no errors.\n"), r.out());
    }

    @Test
    void buildArgsTargetAndFileFlagsReachTheChecker() throws IOException {
        write("ci/Dockerfile.ci", "ARG BASE\nFROM ${BASE:-scratch} AS one\nARG SRC\nCOPY $SRC /s\nFROM scratch AS two\nCOPY nothing /n\n");
        write("present", "x");
        BuildCommand cmd = new BuildCommand();
        cmd.environment = Map.of("SRC", "present")::get;
        Result r = run(cmd, "--check", "-f", dir.resolve("ci/Dockerfile.ci").toString(), "--build-arg", "BASE=alpine",
                "--build-arg", "SRC", "--target", "one", "--platform", "linux/arm64", dir.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        Result noSrc = run("--check", "-f", dir.resolve("ci/Dockerfile.ci").toString(), "--target", "one", dir.toString());
        assertEquals(1, noSrc.code());
        assertTrue(noSrc.out().startsWith(dir.resolve("ci/Dockerfile.ci") + ":4:6: COPY source cannot be empty\n"),
                noSrc.out());
    }

    @Test
    void dockerfileFromStdinWithAContextDirectory() throws IOException {
        write("a.txt", "a");
        BuildCommand cmd = new BuildCommand();
        cmd.stdin = new ByteArrayInputStream("FROM alpine\nCOPY a.txt b.txt /\n".getBytes(StandardCharsets.UTF_8));
        Result r = run(cmd, "--check", "-f", "-", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.out().startsWith("<stdin>:2:12: COPY source \"b.txt\" not found"), r.out());
    }

    @Test
    void stdinAsContextHasNoFilesToCopy() {
        BuildCommand cmd = new BuildCommand();
        cmd.stdin = new ByteArrayInputStream("FROM alpine\nRUN true\n".getBytes(StandardCharsets.UTF_8));
        Result ok = run(cmd, "--check", "-");
        assertEquals(0, ok.code(), ok.err());
        BuildCommand copy = new BuildCommand();
        copy.stdin = new ByteArrayInputStream("FROM alpine\nCOPY x /x\n".getBytes(StandardCharsets.UTF_8));
        Result r = run(copy, "--check", "-");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("Error: <stdin>:2:6: COPY source \"x\" needs a build context"), r.err());
    }

    @Test
    void aBuildRefusesBadFlagsAndAMissingDockerfileBeforeAskingTheDaemon() throws IOException {
        Result progress = run("--progress", "fancy", dir.toString());
        assertEquals(125, progress.code());
        assertEquals("Error: --progress: \"fancy\" is not one of auto, plain, quiet\n", progress.err());
        Result network = run("--network", "overlay", dir.toString());
        assertEquals(125, network.code());
        assertEquals("Error: --network: \"overlay\" is not supported: use none, bridge or host\n", network.err());
        Result missing = run(dir.toString());
        assertEquals(1, missing.code());
        assertEquals("Error: cannot read Dockerfile Dockerfile: no such file\n", missing.err());
        assertEquals("", missing.out());
    }

    @Test
    void badUsageExits125WithOneErrorLine() {
        Result noContext = run("--check");
        assertEquals(125, noContext.code());
        assertEquals("Error: \"cairn build\" requires exactly 1 argument: CONTEXT (a directory) or -\n", noContext.err());
        Result badArg = run("--check", "--build-arg", "=x", dir.toString());
        assertEquals(125, badArg.code());
        assertEquals("Error: invalid --build-arg \"=x\": expected KEY=VALUE or KEY\n", badArg.err());
        Result badPlatform = run("--check", "--platform", "linux/amd64/v1/extra", dir.toString());
        assertEquals(125, badPlatform.code());
        assertTrue(badPlatform.err().startsWith("Error: --platform: invalid platform"), badPlatform.err());
        assertEquals(125, run("--check", "--bogus", dir.toString()).code());
        BuildCommand both = new BuildCommand();
        both.stdin = new ByteArrayInputStream(new byte[0]);
        assertEquals(125, run(both, "--check", "-f", "x", "-").code());
    }

    @Test
    void unreadableInputsExitOneNamingThem() throws IOException {
        Result noDir = run("--check", dir.resolve("nope").toString());
        assertEquals(1, noDir.code());
        assertEquals("Error: unable to prepare context: path \"" + dir.resolve("nope") + "\" not found\n", noDir.err());
        Result noFile = run("--check", dir.toString());
        assertEquals(1, noFile.code());
        assertEquals("Error: cannot read Dockerfile " + dir.resolve("Dockerfile") + ": no such file\n", noFile.err());
        write("Dockerfile", "FROM alpine\n");
        write(".dockerignore", "[\n");
        Result badIgnore = run("--check", dir.toString());
        assertEquals(1, badIgnore.code());
        assertTrue(badIgnore.err().startsWith("Error: .dockerignore: invalid pattern \"[\": unterminated character class"),
                badIgnore.err());
    }
}
