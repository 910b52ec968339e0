package io.cairn.engine.runtime.spec;

import io.cairn.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinuxHostTest {

    @Test
    void parsesHardLimitsFromProcLimits() {
        String text = String.join("\n",
                "Limit                     Soft Limit           Hard Limit           Units     ",
                "Max cpu time              unlimited            unlimited            seconds   ",
                "Max processes             96365                96365                processes ",
                "Max open files            1024                 20000                files     ",
                "Max nice priority         0                    0                    ",
                "");
        Map<String, Long> limits = LinuxHost.parseLimits(text);
        assertEquals(Host.UNLIMITED, limits.get("RLIMIT_CPU"));
        assertEquals(96365L, limits.get("RLIMIT_NPROC"));
        assertEquals(20000L, limits.get("RLIMIT_NOFILE"));
        assertEquals(0L, limits.get("RLIMIT_NICE"));
        assertEquals(4, limits.size());
    }

    @Test
    void readsThisMachine() {
        Tools.requireThat(Files.isDirectory(Path.of("/proc/self")), "Linux (/proc/self)");
        LinuxHost host = new LinuxHost();
        assertTrue(host.lastCap() >= 36, "cap_last_cap read whole: " + host.lastCap());
        assertTrue(host.hardLimits().get("RLIMIT_NOFILE") > 0);
        assertTrue(host.kernelRelease().matches("\\d+\\.\\d+.*"), host.kernelRelease());
        // /dev/null is character device 1:3 on every Linux host.
        assertTrue(host.devices().stream().anyMatch(d -> d.path().equals("/dev/null") && d.type().equals("c")
                && d.major() == 1 && d.minor() == 3), host.devices().toString());
        assertTrue(host.devices().stream().noneMatch(d -> d.path().startsWith("/dev/pts/")));
    }
}
