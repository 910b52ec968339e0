package io.cairn.cli.command;

import io.cairn.cli.client.ApiClient;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the commands that talk to the daemon of the root in effect. Picocli runs it with its
 * {@code @Spec}; the client's fast start ({@code io.cairn.cli.launch}) runs it with an
 * {@link Invocation} instead and builds picocli's model only if {@link #spec()} is asked for.
 * Commands reach the spec through {@link #spec()} only, never the field.
 */
public abstract class ClientCommand implements Callable<Integer>, Usage {

    @Spec
    private CommandSpec spec;

    private Invocation invocation;

    private ApiClient client;

    public ApiClient client() {
        if (client == null) {
            client = new ApiClient(globals().root());
        }
        return client;
    }

    /** Runs this command without picocli: {@code invocation} stands in for the spec. */
    public void invokedAs(Invocation invocation) {
        this.invocation = invocation;
    }

    /** {@code --root}, {@code --debug}. */
    protected GlobalOptions globals() {
        return invocation != null ? invocation.globals() : (GlobalOptions) spec.root().userObject();
    }

    /** This command's picocli model (for errors that name a flag); built here if picocli did not run. */
    public CommandSpec spec() {
        if (spec == null) {
            spec = invocation.model().spec();
        }
        return spec;
    }

    /** A usage error of this command (picocli's model is built for it if picocli did not run). */
    @Override
    public picocli.CommandLine.ParameterException error(String message) {
        return new picocli.CommandLine.ParameterException(spec().commandLine(), message);
    }

    protected PrintWriter out() {
        return invocation != null ? invocation.out() : spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return invocation != null ? invocation.err() : spec.commandLine().getErr();
    }

    @Override
    public final Integer call() throws Exception {
        return run();
    }

    /** The command's work; returns the exit code. */
    protected abstract int run() throws Exception;
}
