package io.cairn.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.storage.posix.Posix;
import org.junit.jupiter.api.Test;

/** The daemon reads its umask from /proc to skip the native call when bin/cairn has set it already. */
class DaemonUmaskTest {

    @Test
    void readsTheProcessUmask() {
        int old = Posix.umask(0027);
        try {
            assertEquals(0027, Daemon.umask());
            Posix.umask(0077);
            assertEquals(0077, Daemon.umask());
        } finally {
            Posix.umask(old);
        }
    }
}
