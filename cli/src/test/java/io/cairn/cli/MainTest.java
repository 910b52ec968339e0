package io.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void onlyTheNamedCommandIsRegistered() {
        assertEquals(List.of(volumeCommand()), Main.commandsFor(new String[] {"--root", "volume", "volume", "ls"}));
        assertEquals(CairnCommand.commands(), Main.commandsFor(new String[] {"--help"}));
        assertEquals(CairnCommand.commands(), Main.commandsFor(new String[] {"frobnicate"}));
    }

    @Test
    void aBareVersionRegistersNoCommandAndStillPrintsTheVersion() {
        assertEquals(List.of(), Main.commandsFor(new String[] {"--version"}));
        assertEquals(List.of(), Main.commandsFor(new String[] {"--root", "/r", "-V"}));
        assertEquals(CairnCommand.commands(), Main.commandsFor(new String[] {"--version", "--help"}));
        assertEquals(List.of(volumeCommand()), Main.commandsFor(new String[] {"volume", "--version"}));
        Run version = run("--version");
        assertEquals(0, version.exit(), version.toString());
        assertEquals("Cairn version " + VersionProvider.VERSION, version.out().strip());
    }

    private static Class<?> volumeCommand() {
        return io.cairn.cli.volume.VolumeCommand.class;
    }

    @Test
    void helpListsEveryCommand() {
        Run help = run("--help");
        assertEquals(0, help.exit());
        for (String name : List.of("daemon", "info", "events", "volume", "journal", "system")) {
            assertTrue(help.out().contains("  " + name), name + " in\n" + help.out());
        }
    }

    @Test
    void usageErrorsExit125WithOneErrorLine() {
        Run unknown = run("frobnicate");
        assertEquals(125, unknown.exit());
        assertTrue(unknown.err().startsWith("Error: Unmatched argument at index 0: 'frobnicate'"), unknown.err());
        Run template = run("--root", "/nonexistent-root", "volume", "ls", "--format", "{{json .}}");
        assertEquals(125, template.exit());
        assertTrue(template.err().startsWith("Error: --format: Go templates are not supported"), template.err());
    }

    @Test
    void noDaemonAndNoWayToStartOneExits125() {
        Run run = run("--root", "/proc/cairn-cannot-exist", "info");
        assertEquals(125, run.exit(), run.toString());
        assertTrue(run.err().startsWith("Error: cannot start a daemon for /proc/cairn-cannot-exist"), run.err());
    }
}
