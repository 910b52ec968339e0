package io.cairn.engine.runtime.spec;

import java.util.List;

/**
 * One mount inside the container ({@code mounts[]} in config.json).
 *
 * @param destination absolute path inside the container
 * @param type        file system type ({@code proc}, {@code tmpfs}, {@code bind}, …)
 * @param source      device, file system name or host path (for binds)
 * @param options     mount(8)-style options, e.g. {@code rbind}, {@code ro}, {@code size=65536k}
 */
public record Mount(String destination, String type, String source, List<String> options) {
    public Mount {
        options = List.copyOf(options);
    }
}
