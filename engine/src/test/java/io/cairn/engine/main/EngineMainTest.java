package io.cairn.engine.main;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine JVM's command line answers as the client's does (CLI.md): bad usage is one error line,
 * a hint and exit 125; a failed operation one error line and exit 1.
 */
class EngineMainTest {

    @TempDir
    Path temp;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = EngineMain.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void unknownDaemonFlagsExit125NamingTheCommand() {
        Run r = run("--root", temp.toString(), "daemon", "--bogus");
        assertEquals(new Run(125, "", "Error: Unknown option: '--bogus'\nSee 'cairn daemon --help'.\n"), r);
        Run help = run("daemon", "--help");
        assertEquals(new Run(125, "", "Error: Unknown option: '--help'\nSee 'cairn daemon --help'.\n"), help);
    }

    @Test
    void daemonFlagValuesAreCheckedBeforeAnythingStarts() {
        Run durability = run("daemon", "--durability", "weird", "--root", temp.toString());
        assertEquals(new Run(125, "", "Error: --durability: \"weird\" is not one of process, sync\nSee 'cairn daemon --help'.\n"),
                durability);
        Run followers = run("daemon", "--max-followers", "0", "--root", temp.toString());
        assertEquals(new Run(125, "", "Error: --max-followers: 0 is out of range: expected a number between 1 and 65536\n"
                + "See 'cairn daemon --help'.\n"),
                followers);
    }

    @Test
    void aBadDaemonJsonStopsTheStartWithExit1BeforeAnythingIsCreated() throws Exception {
        java.nio.file.Path file = temp.resolve("daemon.json");
        java.nio.file.Files.writeString(file, "{\"effect-threads\": 0}");
        Run r = run("daemon", "--root", temp.toString());
        assertEquals(new Run(1, "", "Error: unable to configure the daemon: " + file
                + ": \"effect-threads\": 0 is out of range: expected a number between 1 and 64\n"), r);
        assertEquals(false, java.nio.file.Files.exists(temp.resolve("cairn.lock")), "no lock, no layout");
    }

    @Test
    void aDataRootInTheRootsFileMustNameThatRoot() throws Exception {
        java.nio.file.Path file = temp.resolve("daemon.json");
        java.nio.file.Files.writeString(file, "{\"data-root\": \"/srv/elsewhere\"}");
        Run r = run("daemon", "--root", temp.toString());
        assertEquals(new Run(1, "", "Error: unable to configure the daemon: " + file
                + ": \"data-root\": \"/srv/elsewhere\" names another root than the one holding this file ("
                + temp + ")\n"), r);
    }

    @Test
    void aDataRootInAnotherFileDiffersFromAnExplicitRootIsRefused() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(temp.resolve("tuned.json"),
                "{\"data-root\": \"/srv/elsewhere\"}");
        Run r = run("daemon", "--root", temp.toString(), "--config-file", file.toString());
        assertEquals(new Run(1, "", "Error: unable to configure the daemon: " + file
                + ": \"data-root\": \"/srv/elsewhere\" differs from the root given by --root or $CAIRN_ROOT ("
                + temp + ")\n"), r);
    }

    @Test
    void repairWithoutAJournalFailsWithOneLine() {
        Run r = run("--root", temp.toString(), "journal", "repair");
        assertEquals(new Run(1, "", "Error: no journal at " + temp.resolve("journal") + "\n"), r);
    }

    @Test
    void offlineVerifyOfARootWithoutAJournalPrintsNothingSoTheClientAsksADaemon() {
        assertEquals(new Run(0, "", ""), run("journal", "verify", "--root", temp.toString()));
    }
}
