package io.cairn.engine.event;

import java.util.List;

/**
 * An exec session was created in a running container ({@code POST /containers/{id}/exec}). Audit
 * only: exec sessions live in the daemon's memory, as in Docker, and end with it.
 *
 * @param execId      the session's ID
 * @param containerId the container it runs in
 * @param argv        the command
 */
public record ExecCreated(String execId, String containerId, List<String> argv) implements Event {
    public ExecCreated {
        argv = List.copyOf(argv);
    }
}
