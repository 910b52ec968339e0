package io.cairn.engine.event;

import java.util.List;

/**
 * One health probe ran (Docker's {@code State.Health.Log} entry), journaled once per probe so that
 * replay rebuilds the last five probes and the failing streak, as Docker keeps them across its
 * restarts. Journal volume, decided: this one entry per probe is all a probe journals; the probe's
 * exec journals no {@code exec.create}/{@code exec.start}/{@code exec.die} of its own (the event
 * stream shows Docker's three {@code exec_*} messages from this entry), so a container checked
 * every 30 s adds 2,880 entries a day, each at most about 4.5 KB (the output is cut at Docker's
 * 4,096 bytes; a quiet probe's entry is about 250 bytes). A change of verdict is journaled besides,
 * as {@link ContainerHealthChanged}.
 *
 * @param id            the container
 * @param execId        the probe's exec session (Docker's {@code execID} attribute)
 * @param argv          what ran ({@code /bin/sh -c CMD} for {@code CMD-SHELL})
 * @param startNanos    when the probe started (epoch nanoseconds); the entry's time is its end
 * @param exitCode      0 passes; -1 timed out and was killed
 * @param output        stdout and stderr as they came, at most 4,096 bytes
 * @param failingStreak consecutive failures counted after this probe (those in the start period do not count)
 */
public record ContainerHealthProbed(String id, String execId, List<String> argv, long startNanos, int exitCode,
                                    String output, int failingStreak) implements Event {
    /** Docker's {@code maxOutputLen}. */
    public static final int MAX_OUTPUT = 4096;

    public ContainerHealthProbed {
        argv = argv == null ? List.of() : List.copyOf(argv);
        output = output == null ? "" : output;
    }
}
