package io.cairn.engine.event;

/**
 * Docker's {@code HostConfig.Devices} entry ({@code --device HOST[:CONTAINER[:PERMISSIONS]]}). Part of
 * {@link ContainerSettings}, and so of the journal format.
 *
 * @param pathOnHost        the host's device node
 * @param pathInContainer   where it appears in the container
 * @param cgroupPermissions some of {@code rwm}
 */
public record DeviceMapping(String pathOnHost, String pathInContainer, String cgroupPermissions) {
}
