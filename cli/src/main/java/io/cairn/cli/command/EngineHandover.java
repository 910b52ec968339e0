package io.cairn.cli.command;

import io.cairn.cli.client.EngineJvm;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * Base of the commands that run in the engine's JVM ({@code daemon}, {@code journal repair}): the
 * client lists them (help, suggestions) but holds none of their code. {@code bin/cairn} sends them to
 * the engine's main class directly; a client that reaches one anyway (run without the launcher's
 * routing) runs the engine JVM through the launcher with the same arguments, its output and exit code
 * the command's. Their flags are the engine's ({@code io.cairn.engine.main}).
 */
public abstract class EngineHandover implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The command's own flags and arguments, parsed by the engine. */
    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        GlobalOptions cairn = (GlobalOptions) spec.root().userObject();
        List<String> words = new ArrayList<>(List.of(spec.qualifiedName().split(" ")));
        words.remove(0);
        if (cairn.debug()) {
            words.add("--debug");
        }
        words.addAll(args);
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        Process engine = EngineJvm.command(List.of(), cairn.root(), words).inheritIO().start();
        return engine.waitFor();
    }
}
