package io.cairn.engine.runtime.runc;

import io.cairn.storage.posix.PidFd;
import java.io.IOException;
import java.util.Optional;

/**
 * A container's conmon, found by the pid it wrote. Not our child (it is reparented to init), so it
 * is watched through /proc, waited for through a pidfd, and recognised by its command line so that
 * a reused pid is never signalled.
 */
final class ConmonProcess {
    /** How long to wait for conmon to record the exit and leave before killing it. */
    private static final long EXIT_WAIT_MS = 5_000;

    private ConmonProcess() {
    }

    /** Whether {@code pid} is still the live conmon that writes {@code files}. */
    static boolean isConmonOf(long pid, ContainerFiles files) throws IOException {
        return pid > 0 && ProcessTable.live(pid) && ProcessTable.cmdline(pid).contains(files.conmonPid().toString());
    }

    /**
     * conmon ends once the container's process has ended and it has written the exit file; wait for
     * that before removing the files (or conmon would write the exit file again after us), and kill
     * a conmon that hangs on.
     */
    static void awaitExit(ContainerFiles files) throws IOException {
        long pid = files.conmonPidOrZero();
        if (pid > 0) {
            Optional<PidFd> conmon = PidFd.open(pid);
            if (conmon.isPresent()) {
                try (PidFd fd = conmon.get()) {
                    // opened first, checked second: the descriptor is of the process that passed the check
                    if (isConmonOf(pid, files)) {
                        fd.awaitExit(EXIT_WAIT_MS);
                    }
                }
            }
        }
        kill(files);
    }

    /**
     * SIGKILL to the container's conmon if it still runs, and first to everything below it (a
     * {@code runc create} still running when create timed out, the container's processes), so that
     * nothing is left reparented to init.
     */
    static void kill(ContainerFiles files) {
        long pid = files.conmonPidOrZero();
        try {
            if (isConmonOf(pid, files)) {
                ProcessHandle.of(pid).ifPresent(conmon -> {
                    conmon.descendants().forEach(ProcessHandle::destroyForcibly);
                    conmon.destroyForcibly();
                });
            }
        } catch (IOException e) {
            // gone or unreadable: nothing to kill
        }
    }
}
