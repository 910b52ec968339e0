package io.cairn.engine.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.MountSpec;
import org.junit.jupiter.api.Test;

/** Docker's bind modes as Testcontainers sends them ({@code rw,z}), and the ones that stay refused. */
class MountParsingTest {

    @Test
    void aLabelModeBesideRwOrRoIsTakenWhereThereIsNoSelinux() {
        MountSpec rwz = MountParsing.bind("/run/cairn.sock:/var/run/docker.sock:rw,z", false);
        assertEquals("bind", rwz.type());
        assertEquals("/run/cairn.sock", rwz.source());
        assertEquals("/var/run/docker.sock", rwz.target());
        assertFalse(rwz.readOnly());
        assertTrue(MountParsing.bind("/data:/d:Z,ro", false).readOnly());
        assertFalse(MountParsing.bind("vol:/d:z", false).readOnly());
    }

    @Test
    void aLabelModeIsRefusedWhereSelinuxWouldNeedARelabel() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> MountParsing.bind("/data:/d:rw,z", true));
        assertTrue(e.getMessage().contains("SELinux relabeling"), e.getMessage());
        assertTrue(MountParsing.bind("/data:/d:ro", true).readOnly(), "no label mode: nothing to relabel");
    }

    @Test
    void unknownRepeatedOrEmptyModesAreRefused() {
        for (String spec : new String[] {"/a:/b:rw,ro", "/a:/b:z,Z", "/a:/b:rw,", "/a:/b:,", "/a:/b:rshared", "/a:/b:x"}) {
            InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                    () -> MountParsing.bind(spec, false), spec);
            assertTrue(e.getMessage().startsWith("invalid mode: "), e.getMessage());
        }
    }
}
