package io.cairn.cli.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

class ResourceOptionsTest {

    private static Map<String, Object> parse(boolean all, String... args) {
        UpdateCommand cmd = new UpdateCommand();
        CommandLine cli = new CommandLine(cmd);
        cli.parseArgs(args);
        return cmd.resources.hostConfig(cmd, all);
    }

    @Test
    void dockersUnits() {
        Map<String, Object> h = parse(true, "-m", "512m", "--memory-swap", "-1", "--memory-reservation", "1.5g", "--cpus",
                "1.5", "--shm-size", "64k", "--pids-limit", "-1", "--ulimit", "nofile=10:20", "c");
        assertEquals(512L << 20, h.get("Memory"));
        assertEquals(-1L, h.get("MemorySwap"));
        assertEquals(3L << 29, h.get("MemoryReservation"));
        assertEquals(1_500_000_000L, h.get("NanoCpus"));
        assertEquals(64L << 10, h.get("ShmSize"));
        assertEquals(-1L, h.get("PidsLimit"));
        assertEquals(Map.of("Name", "nofile", "Soft", 10L, "Hard", 20L), ((List<?>) h.get("Ulimits")).get(0));
        assertEquals(100L, parse(true, "-m", "100b", "c").get("Memory"));
    }

    @Test
    void malformedValuesNameTheFlag() {
        assertTrue(assertThrows(ParameterException.class, () -> parse(true, "-m", "12x", "c")).getMessage().contains("--memory"));
        assertTrue(assertThrows(ParameterException.class, () -> parse(true, "--cpus", "abc", "c")).getMessage().contains("--cpus"));
        assertTrue(assertThrows(ParameterException.class, () -> parse(true, "--cpus", "0.0000000001", "c")).getMessage()
                .contains("--cpus"));
        assertTrue(assertThrows(ParameterException.class, () -> parse(true, "--ulimit", "nofile", "c")).getMessage()
                .contains("--ulimit"));
        assertTrue(assertThrows(ParameterException.class, () -> parse(true, "--pids-limit", "ten", "c")).getMessage()
                .contains("--pids-limit"));
    }

    @Test
    void updateRefusesWhatOnlyCreateSets() {
        assertThrows(ParameterException.class, () -> parse(false, "--shm-size", "1m", "c"));
        assertThrows(ParameterException.class, () -> parse(false, "--ulimit", "nofile=1", "c"));
    }

    @Test
    void cpRenamesWithALiteralPattern() {
        String t = CpCommand.transform("a.b*", "new&name", true);
        assertEquals("--transform=s\u0001^a\\.b\\*$\u0001new\\&name\u0001S", t);
    }
}
