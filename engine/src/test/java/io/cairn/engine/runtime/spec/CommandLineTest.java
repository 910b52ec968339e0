package io.cairn.engine.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.api.InvalidArgumentException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Docker's documented Entrypoint/Cmd matrix, plus the {@code --entrypoint} and run-command overrides. */
class CommandLineTest {

    /** Columns: image Entrypoint | image Cmd | --entrypoint | run command | argv. "-" = absent, "''" = given empty. */
    @ParameterizedTest(name = "ep={0} cmd={1} --entrypoint={2} run={3}")
    @CsvSource(delimiter = '|', value = {
            // Docker's table ("Understand how CMD and ENTRYPOINT interact")
            "-                         | exec_cmd p1_cmd | - | -  | exec_cmd p1_cmd",
            "/bin/sh -c exec_entry     | exec_cmd p1_cmd | - | -  | /bin/sh -c exec_entry exec_cmd p1_cmd",
            "exec_entry p1_entry       | -               | - | -  | exec_entry p1_entry",
            "exec_entry p1_entry       | exec_cmd p1_cmd | - | -  | exec_entry p1_entry exec_cmd p1_cmd",
            "exec_entry p1_entry       | /bin/sh -c exec_cmd | - | - | exec_entry p1_entry /bin/sh -c exec_cmd",
            // a run command replaces Cmd, after the Entrypoint
            "exec_entry                | dflt            | - | a b | exec_entry a b",
            "-                         | dflt            | - | a b | a b",
            // --entrypoint replaces the Entrypoint and drops the image's Cmd
            "exec_entry                | dflt            | /x | -   | /x",
            "exec_entry                | dflt            | /x | a b | /x a b",
            // --entrypoint "" clears it: only the run command is left
            "exec_entry                | dflt            | '' | a b | a b",
    })
    void combines(String ep, String cmd, String entrypoint, String run, String argv) {
        assertEquals(words(argv), CommandLine.args(list(ep), list(cmd), entrypoint.equals("-") ? null : entrypoint,
                run.equals("-") ? List.of() : words(run)));
    }

    @ParameterizedTest(name = "ep={0} cmd={1} --entrypoint={2}")
    @CsvSource(delimiter = '|', value = {
            "-          | -    | -",
            "exec_entry | dflt | ''",
            "-          | -    | ''",
    })
    void nothingToRunIsAnError(String ep, String cmd, String entrypoint) {
        assertThrows(InvalidArgumentException.class, () -> CommandLine.args(list(ep), list(cmd),
                entrypoint.equals("-") ? null : entrypoint, List.of()));
    }

    private static List<String> list(String s) {
        return s.equals("-") ? null : words(s);
    }

    private static List<String> words(String s) {
        return Arrays.asList(s.trim().split("\\s+"));
    }
}
