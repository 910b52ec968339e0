package io.cairn.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.Resources;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceLimitsTest {

    private static Resources memory(long memory, long swap, long reservation) {
        return new Resources(memory, swap, reservation, 0, 0, "", 0, List.of(), 0, false);
    }

    private static String refusal(Resources r) {
        return assertThrows(InvalidArgumentException.class, () -> ResourceLimits.check(r)).getMessage();
    }

    @Test
    void dockersMemoryRulesNameTheFlag() {
        assertTrue(refusal(memory(1024, 0, 0)).contains("--memory: Minimum memory limit allowed is 6MB"));
        assertTrue(refusal(memory(64 << 20, 32 << 20, 0)).contains("--memory-swap"));
        assertTrue(refusal(memory(0, 64 << 20, 0)).contains("always set the Memory limit"));
        assertTrue(refusal(memory(64 << 20, 0, 128 << 20)).contains("--memory-reservation"));
        assertTrue(refusal(memory(0, -2, 0)).contains("--memory-swap"));
    }

    @Test
    void defaultsAreDockers() {
        Resources r = ResourceLimits.check(memory(64 << 20, 0, 0));
        assertEquals(128L << 20, r.memorySwap(), "as much swap as memory");
        assertEquals(-1, ResourceLimits.check(memory(64 << 20, -1, 0)).memorySwap(), "unlimited swap stays -1");
        Resources shares = ResourceLimits.check(new Resources(0, 0, 0, 0, 1, "", -5, List.of(), 0, false));
        assertEquals(2, shares.cpuShares(), "clamped to the kernel's minimum");
        assertEquals(-1, shares.pidsLimit(), "any negative pids limit is 'unlimited'");
        assertEquals(Resources.NONE, ResourceLimits.check(null));
    }

    @Test
    void cpusAndCpusetsMustExist() {
        assertTrue(refusal(new Resources(0, 0, 0, 1_000_000_000_000L, 0, "", 0, List.of(), 0, false)).contains("--cpus"));
        assertTrue(refusal(new Resources(0, 0, 0, 1_000, 0, "", 0, List.of(), 0, false)).contains("--cpus"));
        assertTrue(refusal(new Resources(0, 0, 0, 0, 0, "8000", 0, List.of(), 0, false)).contains("--cpuset-cpus"));
        assertTrue(refusal(new Resources(0, 0, 0, 0, 0, "1-0", 0, List.of(), 0, false)).contains("--cpuset-cpus"));
        assertTrue(refusal(new Resources(0, 0, 0, 0, 0, "a", 0, List.of(), 0, false)).contains("--cpuset-cpus"));
        assertEquals(Set.of(0, 2, 3), ResourceLimits.parseCpuList("0,2-3").stream().boxed().collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void ulimitsAndShm() {
        assertTrue(refusal(new Resources(0, 0, 0, 0, 0, "", 0, List.of(new Resources.Ulimit("bogus", 1, 1)), 0, false))
                .contains("--ulimit"));
        assertTrue(refusal(new Resources(0, 0, 0, 0, 0, "", 0, List.of(new Resources.Ulimit("nofile", 5, 1)), 0, false))
                .contains("soft limit"));
        assertTrue(refusal(new Resources(0, 0, 0, 0, 0, "", 0, List.of(), -1, false)).contains("--shm-size"));
    }

    @Test
    void psOutputIsFilteredByPidAndTheLastColumnKeepsItsSpaces() {
        String ps = "UID PID PPID CMD\nroot 10 1 sleep 1000\nroot 11 1 other thing\n";
        ContainerOperations.Top top = ContainerOperations.parsePs(ps, Set.of(10L));
        assertEquals(List.of("UID", "PID", "PPID", "CMD"), top.titles());
        assertEquals(List.of(List.of("root", "10", "1", "sleep 1000")), top.processes());
        assertThrows(InvalidArgumentException.class, () -> ContainerOperations.parsePs("A B\n1 2\n", Set.of()));
    }
}
