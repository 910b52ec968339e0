package io.cairn.it.reliability;

import io.cairn.it.Cairn;
import java.nio.file.Path;

/**
 * A {@link Cairn} root whose closing first takes back from the host whatever a failed trial may
 * have left ({@link Leaks#scrub}): a fault-injection test leaves nothing behind, passed or not.
 */
final class ScrubbedRoot implements AutoCloseable {

    private final Cairn cairn;

    ScrubbedRoot() throws Exception {
        this.cairn = new Cairn();
    }

    /** A root at {@code dir}, which must not exist yet. */
    ScrubbedRoot(Path dir) throws Exception {
        this.cairn = new Cairn(dir);
    }

    Cairn cairn() {
        return cairn;
    }

    Path root() {
        return cairn.root();
    }

    @Override
    public void close() throws Exception {
        try {
            Leaks.scrub(cairn);
        } finally {
            cairn.close();
        }
    }
}
