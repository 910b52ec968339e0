package io.cairn.engine.event;

import java.util.List;

/** An exec session's process started in its container; audit only (see {@link ExecCreated}). */
public record ExecStarted(String execId, String containerId, List<String> argv) implements Event {
    public ExecStarted {
        argv = List.copyOf(argv);
    }
}
