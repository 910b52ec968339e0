package io.cairn.cli.command;

import io.cairn.cli.Main;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.api.CairnException;
import io.cairn.api.CannotRunException;
import io.cairn.api.ErrorKind;
import io.cairn.cli.client.DaemonUnavailableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The exit code follows the error's kind, through the CLI's one error handler, whatever the message says. */
class ExitCodesTest {

    private static final Map<ErrorKind, Integer> EXIT = new EnumMap<>(Map.ofEntries(
            Map.entry(ErrorKind.NOT_FOUND, 1),
            Map.entry(ErrorKind.ALREADY_EXISTS, 1),
            Map.entry(ErrorKind.CONFLICT, 1),
            Map.entry(ErrorKind.INVALID_ARGUMENT, 1),
            Map.entry(ErrorKind.TOO_LARGE, 1),
            Map.entry(ErrorKind.COMMAND_NOT_FOUND, 127),
            Map.entry(ErrorKind.COMMAND_NOT_INVOKABLE, 126),
            Map.entry(ErrorKind.BUILD_FAILED, 1),
            Map.entry(ErrorKind.NOT_IMPLEMENTED, 1),
            Map.entry(ErrorKind.UNAVAILABLE, 1),
            Map.entry(ErrorKind.ENGINE_FAILURE, 1)));

    /** A command that fails with what it is given. */
    @CommandLine.Command(name = "fail")
    static final class Fail implements Callable<Integer> {
        final RuntimeException failure;

        Fail(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() {
            throw failure;
        }
    }

    private record Run(int exit, String err) {
    }

    private static Run run(RuntimeException failure) {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Fail(failure));
        cli.setErr(new PrintWriter(err, true));
        int exit = Main.handlingErrors(cli, () -> false).execute();
        return new Run(exit, err.toString());
    }

    @Test
    void everyKindHasItsExitCode() {
        assertEquals(ErrorKind.values().length, EXIT.size(), "every kind is in the table");
        for (ErrorKind kind : ErrorKind.values()) {
            Run r = run(CairnException.of(kind, "the daemon's words"));
            assertEquals(EXIT.get(kind), r.exit(), kind.toString());
            assertEquals("Error: the daemon's words\n", r.err(), kind.toString());
        }
    }

    @Test
    void theKindDecidesNotTheWords() {
        assertEquals(1, run(CairnException.of(ErrorKind.INVALID_ARGUMENT, "exec: \"x\": executable file not found")).exit());
        assertEquals(127, run(CairnException.of(ErrorKind.COMMAND_NOT_FOUND, "permission denied")).exit());
        assertEquals(126, run(CairnException.of(ErrorKind.COMMAND_NOT_INVOKABLE, "no such file or directory")).exit());
    }

    @Test
    void theShellsCodesAgreeWithTheContainersRecordedCode() {
        assertEquals(CannotRunException.notFound("m", null).exitCode(), ExitCodes.of(ErrorKind.COMMAND_NOT_FOUND));
        assertEquals(CannotRunException.notInvokable("m", null).exitCode(), ExitCodes.of(ErrorKind.COMMAND_NOT_INVOKABLE));
    }

    @Test
    void theClisOwnFailuresAreUsageNoDaemonOrFailed() {
        Run usage = run(new UsageException("--progress: \"x\" is not one of auto, plain, quiet"));
        assertEquals(125, usage.exit());
        assertEquals("Error: --progress: \"x\" is not one of auto, plain, quiet\n", usage.err(), "one line, no help hint");
        assertEquals(125, run(new DaemonUnavailableException("cannot reach the daemon")).exit());
        Run bug = run(new IllegalStateException("a bug"));
        assertEquals(1, bug.exit());
    }
}
