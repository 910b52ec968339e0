package io.cairn.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class ToolsTest {

    @TempDir
    Path bin;

    private Path tool(String name, String mode) throws Exception {
        Path t = Files.createFile(bin.resolve(name));
        Files.setPosixFilePermissions(t, PosixFilePermissions.fromString(mode));
        return t;
    }

    @Test
    void findsAnExecutableOnThePath() throws Exception {
        Path t = tool("cairn-test-tool", "rwxr-xr-x");
        assertEquals(t, Tools.require("cairn-test-tool", "make it", Map.of("PATH", "/nonexistent:" + bin)));
        assertEquals(t, Tools.require("cairn-test-tool", "make it", Map.of("PATH", bin.toString(), "CI", "true")));
    }

    @Test
    void aFileThatIsNotExecutableIsNotTheTool() throws Exception {
        tool("cairn-test-tool", "rw-r--r--");
        assertNull(Tools.find("cairn-test-tool", Map.of("PATH", bin.toString())));
    }

    @Test
    void missingLocallySkips() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> Tools.require("cairn-no-such-tool", "apt-get install -y nothing", Map.of("PATH", bin.toString())));
        assertTrue(e.getMessage().contains("cairn-no-such-tool (apt-get install -y nothing)"), e.getMessage());
    }

    @Test
    void missingUnderCiFailsNamingTheTool() {
        for (String ci : new String[] {"true", "TRUE", "1"}) {
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> Tools.require("cairn-no-such-tool", "apt-get install -y nothing",
                            Map.of("PATH", bin.toString(), "CI", ci)));
            assertTrue(e.getMessage().contains("needs cairn-no-such-tool (apt-get install -y nothing)"), e.getMessage());
        }
    }

    @Test
    void otherNeedsFollowTheSameRule() {
        Tools.need(true, "root", Map.of("CI", "true"));
        assertThrows(TestAbortedException.class, () -> Tools.need(false, "root", Map.of()));
        assertThrows(TestAbortedException.class, () -> Tools.need(false, "root", Map.of("CI", "false")));
        AssertionFailedError e = assertThrows(AssertionFailedError.class, () -> Tools.need(false, "root", Map.of("CI", "true")));
        assertTrue(e.getMessage().contains("needs root"), e.getMessage());
    }

    @Test
    void ciIsTrueOnlyWhenSaidSo() {
        assertTrue(Tools.ci(Map.of("CI", "true")));
        assertFalse(Tools.ci(Map.of()));
        assertFalse(Tools.ci(Map.of("CI", "")));
        assertFalse(Tools.ci(Map.of("CI", "no")));
    }
}
