package io.cairn.engine.container;

import io.cairn.api.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The host's init for {@code --init}, as Docker's {@code docker-init}: Debian's statically linked
 * {@code tini-static} first (it runs in any image, with or without a libc), else {@code tini},
 * else {@code catatonit}. {@code -Dcairn.init=PATH} names another. Both take {@code -- CMD…}.
 */
final class InitBinary {

    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/bin/tini-static"), Path.of("/usr/bin/tini"),
            Path.of("/usr/bin/catatonit"), Path.of("/usr/libexec/podman/catatonit"));

    private InitBinary() {
    }

    static Optional<Path> find() {
        String configured = System.getProperty("cairn.init");
        if (configured != null && !configured.isEmpty()) {
            Path p = Path.of(configured);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        return CANDIDATES.stream().filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
    }

    /** The init, or the refusal a create with {@code --init} gets on a host without one. */
    static Path require() {
        return find().orElseThrow(() -> new InvalidArgumentException("--init: no init binary on this host"
                + " (install Debian's tini: scripts/install-deps.sh)"));
    }
}
