package io.cairn.cli.command;

import io.cairn.cli.client.ApiClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of the commands that talk to the daemon of the root in effect. */
public abstract class ClientCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    private ApiClient client;

    public ApiClient client() {
        if (client == null) {
            client = new ApiClient(((GlobalOptions) spec.root().userObject()).root());
        }
        return client;
    }

    /** This command's picocli model (for errors that name a flag). */
    public CommandSpec spec() {
        return spec;
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** The command's work; returns the exit code. */
    protected abstract int run() throws Exception;
}
