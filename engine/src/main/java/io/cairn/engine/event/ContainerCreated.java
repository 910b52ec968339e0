package io.cairn.engine.event;


/**
 * A container was created from image {@code imageId}: its writable layer exists, nothing runs yet.
 *
 * @param id     64 hex
 * @param name   unique name (without the leading slash Docker's API adds)
 * @param config everything {@code create} was given, resolved against the image
 */
public record ContainerCreated(String id, String name, String imageId, ContainerConfig config) implements Event {
}
