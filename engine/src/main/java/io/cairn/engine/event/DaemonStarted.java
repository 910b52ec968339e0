package io.cairn.engine.event;

/** A daemon opened the root, after recovery; part of the audit trail, it changes no index. */
public record DaemonStarted(String version, long pid) implements Event {
}
