package io.cairn.it;

import io.cairn.testing.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * What most container ITs set up the same way: one daemon on a fresh root for the class, with the
 * busybox image imported as {@code bb} ({@code CMD ["/bin/sh"]}); after each test every container
 * is removed with its anonymous volumes; at the end the root must hold no mount. A subclass's own
 * {@code @AfterAll} runs before this one's, while the daemon still runs.
 */
public abstract class WithBusyboxDaemon {

    /** The class's daemon (one class runs at a time, so the field is the running class's). */
    protected static Cairn cairn;

    @BeforeAll
    static void startDaemonWithBusybox() throws Exception {
        Tools.require("runc", "apt-get install -y runc");
        Tools.require("conmon", "apt-get install -y conmon");
        cairn = new Cairn();
        cairn.startDaemon();
        BusyboxImage.importAs(cairn, "bb");
    }

    @AfterEach
    void removeEveryContainer() throws Exception {
        removeAllContainers();
    }

    @AfterAll
    static void stopDaemonLeavingNothing() throws Exception {
        try {
            removeAllContainers();
            ContainerITSupport.assertNoMountsUnder(cairn.root());
        } finally {
            cairn.close();
        }
    }

    /** {@code rm -f -v} of every container the daemon lists. */
    protected static void removeAllContainers() throws Exception {
        for (String id : cairn.run("ps", "-a", "-q").lines()) {
            cairn.run("rm", "-f", "-v", id);
        }
    }
}
