package io.cairn.engine.event;

/** A container left a network ({@code network disconnect}, or its removal). */
public record NetworkDisconnected(String networkId, String containerId) implements Event {
}
