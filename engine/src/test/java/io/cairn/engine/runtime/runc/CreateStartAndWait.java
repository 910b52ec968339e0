package io.cairn.engine.runtime.runc;

import java.nio.file.Path;

/**
 * A stand-in daemon for {@link DaemonDeathTest}: creates and starts a container with the driver,
 * says "started" on stdout, then waits to be killed. Arguments: ROOT ID BUNDLE LOG.
 */
public final class CreateStartAndWait {
    private CreateStartAndWait() {
    }

    public static void main(String[] args) throws Exception {
        ConmonRuncRuntime runtime = new ConmonRuncRuntime(RuncOptions.defaults(Path.of(args[0])));
        runtime.create(args[1], Path.of(args[2]), Path.of(args[3]));
        runtime.start(args[1]);
        System.out.println("started");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
