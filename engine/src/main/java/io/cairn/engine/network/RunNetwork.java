package io.cairn.engine.network;

import java.nio.file.Path;
import java.util.List;

/**
 * How a run joins its network: the namespace runc joins ({@code null}: a new one of runc's, for
 * {@code none}; none at all for {@code host}) and the files bound over /etc/hosts, /etc/hostname
 * and /etc/resolv.conf.
 *
 * @param files hosts, hostname, resolv.conf (empty when the image's own stay, as for the builder)
 */
public record RunNetwork(Mode mode, Path netns, List<Path> files) {

    public enum Mode { NONE, HOST, PATH }

    public RunNetwork {
        files = List.copyOf(files);
    }

    public static RunNetwork none() {
        return new RunNetwork(Mode.NONE, null, List.of());
    }
}
