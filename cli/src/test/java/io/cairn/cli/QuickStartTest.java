package io.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.launch.CommandTable;
import io.cairn.cli.launch.QuickStart;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The fast start sets every field as picocli's parse does, and leaves to picocli what it cannot do so. */
class QuickStartTest {

    /** Lines the fast start must take (the common ones). */
    private static final List<List<String>> QUICK = List.of(
            List.of("info"),
            List.of("--root", "/r", "info"),
            List.of("info", "--root", "/r", "--format", "json"),
            List.of("--debug", "info", "-f", "json"),
            List.of("info", "--format=json"),
            List.of("run", "--rm", "bb", "true"),
            List.of("--root", "/r", "run", "--rm", "--network", "none", "bb", "true"),
            List.of("run", "-d", "--name", "web", "-e", "A=1", "-e", "B", "-p", "8080:80", "-v", "/a:/b",
                    "--memory", "1g", "--env-file", "/tmp/env", "bb", "sh", "-c", "echo --rm -e"),
            List.of("run", "bb", "--rm", "-d"),
            List.of("run", "-h", "box", "bb"),
            List.of("container", "run", "--rm", "bb", "true"),
            List.of("create", "--name", "c", "bb", "true"),
            List.of("start", "-a", "c"),
            List.of("ps", "-a"),
            List.of("ps", "-aq"),
            List.of("run", "-it", "bb", "sh"),
            List.of("run", "-dit", "--name", "x", "bb"),
            List.of("ps", "--all", "--filter", "label=a", "--filter", "status=exited", "-q"),
            List.of("rm", "-f", "a", "b", "c"),
            List.of("logs", "-f", "c"),
            List.of("logs", "c", "-f"),
            List.of("import", "-", "img", "-c", "CMD [\"/bin/sh\"]"),
            List.of("import", "-", "-m", ""),
            List.of("image", "--root", "/r", "ls"),
            List.of("volume", "create", "--name=", "v"),
            List.of("stop", "-t", "5", "c"),
            List.of("images"),
            List.of("image", "ls"),
            List.of("volume", "create", "--label", "a=b", "v"),
            List.of("volume", "ls"),
            List.of("exec", "c", "sh", "-c", "ls -l"),
            List.of("wait", "c"),
            List.of("--root", "/r", "build", "--network", "none", "--no-cache", "-t", "t", "--iidfile", "/f", "ctx"),
            List.of("build", "--progress", "plain", "-t", "a", "-t", "b", "--build-arg", "A=1", "--build-arg", "B", "-f",
                    "ci/Dockerfile", "-q", "."),
            List.of("-"+"-root=/r", "ps"));

    /** Lines that must go to picocli: help, version, errors, forms the table leaves to it. */
    private static final List<List<String>> SLOW = List.of(
            List.of(),
            List.of("--help"),
            List.of("--version"),
            List.of("info", "--help"),
            List.of("info", "--bogus"),
            List.of("info", "-f"),
            List.of("info", "-f", "--debug"),
            List.of("info", "-f", "json", "-f", "table"),
            List.of("info", "extra"),
            List.of("frobnicate"),
            List.of("container"),
            List.of("run"),
            List.of("run", "-itp", "80", "bb"),
            List.of("run", "-ite", "bb"),
            List.of("run", "-ii", "bb"),
            List.of("--debugx", "info"),
            List.of("run", "--sig-proxy", "bb"),
            List.of("run", "--sig-proxy=false", "bb"),
            List.of("run", "--", "bb"),
            List.of("stop", "-t", "soon", "c"),
            List.of("daemon"),
            List.of("build", "--help", "."),
            List.of("build", "--no-cache", "--no-cache", "."),
            List.of("--root"),
            List.of("--debug=true", "info"),
            List.of("info", "-f=json"),
            List.of("image", "-q", "ls"),
            List.of("logs", "-f", "-f", "c"));

    private record Picocli(Object root, Object command) {
    }

    private static Picocli picocli(String[] args) {
        StringWriter sink = new StringWriter();
        CommandLine cli = Main.commandLine(Main.commandsFor(args), new PrintWriter(sink), new PrintWriter(sink));
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        while (parsed.hasSubcommand()) {
            parsed = parsed.subcommand();
        }
        return new Picocli(cli.getCommand(), parsed.commandSpec().userObject());
    }

    @Test
    void theCommonLinesAreParsedAsPicocliParsesThem() throws Exception {
        for (List<String> line : QUICK) {
            String[] args = line.toArray(String[]::new);
            QuickStart.Parsed quick = QuickStart.parse(args);
            assertNotNull(quick, "left to picocli: " + line);
            Picocli expected = picocli(args);
            assertSameFields(expected.root(), quick.globals(), line.toString());
            assertSameFields(expected.command(), quick.command(), line.toString());
        }
        QuickStart.Parsed root = QuickStart.parse(new String[] {"--root", "/r", "ps"});
        assertEquals(Path.of("/r"), root.globals().root());
    }

    @Test
    void theRestIsLeftToPicocli() {
        for (List<String> line : SLOW) {
            assertNull(QuickStart.parse(line.toArray(String[]::new)), "taken by the fast start: " + line);
        }
    }

    @Test
    void aTableWithoutTheCommandLeavesItToPicocli() {
        CommandTable table = CommandTable.of("command\t\tio.cairn.cli.CairnCommand\t0\noption\t--root\troot\tvalue\tpath\t\n");
        assertNull(QuickStart.parse(new String[] {"info"}, table));
        assertNull(QuickStart.parse(new String[] {"info"}, CommandTable.of("")));
        CommandTable withInfo = CommandTable.of("command\t\tio.cairn.cli.CairnCommand\t0\n"
                + "command\tinfo\tio.cairn.cli.system.InfoCommand\t0\noption\t-f,--format\tformat\tvalue\tstring\t=json\n");
        QuickStart.Parsed parsed = QuickStart.parse(new String[] {"info"}, withInfo);
        assertNotNull(parsed);
        assertSame(io.cairn.cli.system.InfoCommand.class, parsed.command().getClass());
    }

    /** Every field of {@code actual} (and of its mixins) holds what picocli put in {@code expected}'s. */
    private static void assertSameFields(Object expected, Object actual, String line) throws IllegalAccessException {
        assertEquals(expected.getClass(), actual.getClass(), line);
        for (Class<?> c = expected.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic() || c == ClientCommand.class) {
                    continue; // ClientCommand's: the spec or the invocation, the client
                }
                f.setAccessible(true);
                Object e = f.get(expected);
                Object a = f.get(actual);
                if (e != null && a != null && e.getClass().getName().startsWith("io.cairn.cli.")) {
                    assertSameFields(e, a, line);
                } else {
                    assertEquals(e, a, line + ": " + c.getSimpleName() + "." + f.getName());
                }
            }
        }
        assertTrue(true);
    }
}
