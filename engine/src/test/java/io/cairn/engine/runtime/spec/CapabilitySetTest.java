package io.cairn.engine.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapabilitySetTest {

    static CapabilitySet tweak(List<String> add, List<String> drop) {
        return CapabilitySet.tweak(CapabilitySet.DOCKER_DEFAULT, add, drop, false, 40);
    }

    @Test
    void dockerDefaultIsFourteenCapsWithDockersCapEff() {
        assertEquals(14, CapabilitySet.DOCKER_DEFAULT.names().size());
        assertEquals("00000000a80425fb", CapabilitySet.DOCKER_DEFAULT.mask());
        assertEquals(CapabilitySet.DOCKER_DEFAULT, tweak(List.of(), List.of()));
    }

    @Test
    void namesWithOrWithoutPrefixAnyCase() {
        CapabilitySet s = tweak(List.of("sys_admin", "CAP_NET_ADMIN", "Cap_Sys_Ptrace"), List.of("chown", "CAP_KILL"));
        assertTrue(s.contains("CAP_SYS_ADMIN") && s.contains("CAP_NET_ADMIN") && s.contains("CAP_SYS_PTRACE"));
        assertFalse(s.contains("CAP_CHOWN") || s.contains("CAP_KILL"));
        assertEquals(15, s.names().size());
    }

    @Test
    void dropAllKeepsOnlyTheAdds() {
        assertEquals(CapabilitySet.of("CAP_NET_BIND_SERVICE"), tweak(List.of("net_bind_service"), List.of("ALL")));
        assertEquals("0000000000000000", tweak(List.of(), List.of("all")).mask());
    }

    @Test
    void addAllGrantsEverythingButTheDrops() {
        CapabilitySet s = tweak(List.of("ALL"), List.of("SYS_ADMIN"));
        assertEquals(40, s.names().size());
        assertFalse(s.contains("CAP_SYS_ADMIN"));
        assertEquals(41, tweak(List.of("ALL"), List.of("ALL")).names().size(), "Docker: add ALL wins");
    }

    @Test
    void addWinsOverDropOfTheSameCapability() {
        assertTrue(tweak(List.of("NET_ADMIN"), List.of("NET_ADMIN")).contains("CAP_NET_ADMIN"));
    }

    @Test
    void privilegedIsEveryCapabilityTheKernelKnows() {
        assertEquals(41, CapabilitySet.tweak(CapabilitySet.DOCKER_DEFAULT, List.of(), List.of("ALL"), true, 40).names().size());
        assertEquals(38, CapabilitySet.tweak(CapabilitySet.DOCKER_DEFAULT, List.of(), List.of(), true, 37).names().size());
        assertEquals("000001ffffffffff", CapabilitySet.all(40).mask());
    }

    @Test
    void unknownCapabilityNamesTheFlag() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> tweak(List.of("CAP_FLY"), List.of()));
        assertTrue(e.getMessage().contains("CAP_FLY") && e.getMessage().contains("--cap-add"), e.getMessage());
        e = assertThrows(InvalidArgumentException.class, () -> tweak(List.of(), List.of("nope")));
        assertTrue(e.getMessage().contains("--cap-drop"), e.getMessage());
    }

    @Test
    void namesAreInKernelOrder() {
        assertEquals(List.of("CAP_CHOWN", "CAP_KILL", "CAP_SYS_ADMIN"), CapabilitySet.of("CAP_SYS_ADMIN", "CAP_KILL", "CAP_CHOWN").names());
    }
}
