package io.cairn.engine.runtime.spec;

import io.cairn.api.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Docker's combination of the image's Entrypoint and Cmd with {@code --entrypoint} and the
 * command given after the image name:
 * <ul>
 *   <li>argv = entrypoint + cmd;</li>
 *   <li>a command given on the command line replaces the image's Cmd;</li>
 *   <li>{@code --entrypoint X} replaces the image's Entrypoint with {@code [X]} and also drops
 *       the image's Cmd (only a command-line command follows it); {@code --entrypoint ""} clears
 *       the Entrypoint, so the command-line command (or nothing) is all that runs;</li>
 *   <li>an empty result is an error: there is nothing to run.</li>
 * </ul>
 */
public final class CommandLine {

    private CommandLine() {
    }

    /**
     * The init process's argv.
     *
     * @param imageEntrypoint the image's Entrypoint ({@code null} when absent)
     * @param imageCmd        the image's Cmd ({@code null} when absent)
     * @param entrypoint      {@code --entrypoint}, {@code null} when not given
     * @param cmd             the command after the image name (empty when none)
     * @throws InvalidArgumentException when the combination is empty
     */
    public static List<String> args(List<String> imageEntrypoint, List<String> imageCmd, String entrypoint,
                                    List<String> cmd) {
        List<String> ep;
        List<String> rest;
        if (entrypoint != null) {
            ep = entrypoint.isEmpty() ? List.of() : List.of(entrypoint);
            rest = cmd;
        } else {
            ep = imageEntrypoint == null ? List.of() : imageEntrypoint;
            rest = cmd.isEmpty() ? (imageCmd == null ? List.of() : imageCmd) : cmd;
        }
        List<String> argv = new ArrayList<>(ep);
        argv.addAll(rest);
        if (argv.isEmpty() || argv.get(0).isEmpty()) {
            throw new InvalidArgumentException("no command specified: the image has no Entrypoint or Cmd"
                    + " and none was given");
        }
        return List.copyOf(argv);
    }
}
