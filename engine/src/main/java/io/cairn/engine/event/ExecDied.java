package io.cairn.engine.event;

/** An exec session's process ended with {@code exitCode} (128+N when killed by signal N); audit only. */
public record ExecDied(String execId, String containerId, int exitCode) implements Event {
}
