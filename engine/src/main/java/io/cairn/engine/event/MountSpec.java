package io.cairn.engine.event;

import java.util.List;

/**
 * A mount a container was created with; part of {@link ContainerConfig}, and so of the journal format.
 *
 * @param type     {@code bind}, {@code volume} or {@code tmpfs}
 * @param source   host path (bind), volume name (volume), empty (tmpfs)
 * @param target   absolute path in the container
 * @param readOnly mounted read-only
 * @param options  tmpfs options such as {@code size=64m}
 */
public record MountSpec(String type, String source, String target, boolean readOnly, List<String> options) {
    public MountSpec {
        options = List.copyOf(options);
    }
}
