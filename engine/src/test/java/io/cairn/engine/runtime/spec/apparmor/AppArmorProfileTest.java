package io.cairn.engine.runtime.spec.apparmor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.testing.Tools;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated profile carries docker-default's rules and compiles with the real apparmor_parser
 * ({@code -Q}: parse and compile, no kernel load), which works on a kernel without AppArmor too,
 * as this project's CI host is.
 */
class AppArmorProfileTest {

    @TempDir
    Path dir;

    @Test
    void carriesDockerDefaultsRules() {
        String text = new AppArmorProfile("cairn-default", "unconfined", true, true).text();
        assertTrue(text.startsWith("#include <tunables/global>\n"), text);
        assertTrue(text.contains("profile cairn-default flags=(attach_disconnected,mediate_deleted) {\n"), text);
        assertTrue(text.contains("  #include <abstractions/base>\n"), text);
        for (String rule : List.of("network,", "capability,", "file,", "umount,", "deny mount,",
                "deny @{PROC}/* w,", "deny @{PROC}/sys/[^k]** w,", "deny @{PROC}/sys/kernel/{?,??,[^s][^h][^m]**} w,",
                "deny @{PROC}/sysrq-trigger rwklx,", "deny @{PROC}/kcore rwklx,",
                "deny /sys/[^f]*/** wklx,", "deny /sys/fs/cg[^r]*/** wklx,", "deny /sys/firmware/** rwklx,",
                "deny /sys/kernel/security/** rwklx,", "signal (receive) peer=unconfined,",
                "signal (send,receive) peer=cairn-default,", "ptrace (trace,read,tracedby,readby) peer=cairn-default,")) {
            assertTrue(text.contains("\n  " + rule + "\n"), rule + " in\n" + text);
        }
        assertTrue(text.endsWith("}\n"));
    }

    @Test
    void definesProcItselfWhereTheHostHasNoPolicyFiles() {
        AppArmorProfile p = AppArmorProfile.forHost("cairn-default", "unconfined", dir);
        assertFalse(p.tunables());
        assertFalse(p.base());
        assertTrue(p.text().startsWith("@{PROC}=/proc/\n"), p.text());
        assertFalse(p.text().contains("#include"), p.text());
    }

    @Test
    void theDaemonsOwnProfileMaySignalContainers() {
        String text = new AppArmorProfile("cairn-default", "cairn-daemon", false, false).text();
        assertTrue(text.contains("\n  signal (receive) peer=cairn-daemon,\n"), text);
    }

    @Test
    void namesThatWouldBreakTheProfileAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AppArmorProfile("bad name", "unconfined", false, false));
        assertThrows(IllegalArgumentException.class, () -> new AppArmorProfile("x{", "unconfined", false, false));
        assertThrows(IllegalArgumentException.class, () -> new AppArmorProfile("cairn", "a b", false, false));
    }

    @Test
    void apparmorParserCompilesBothVariants() throws Exception {
        Path parser = Tools.require("apparmor_parser", "apt-get install -y apparmor");
        List<AppArmorProfile> variants = List.of(
                AppArmorProfile.forHost("cairn-default", "unconfined", Path.of("/etc/apparmor.d")),
                new AppArmorProfile("cairn-default", "unconfined", false, false));
        for (AppArmorProfile p : variants) {
            Path file = dir.resolve("profile");
            Files.writeString(file, p.text());
            // -Q: skip the kernel load; -K: no cache
            Process run = new ProcessBuilder(parser.toString(), "-Q", "-K", file.toString()).redirectErrorStream(true).start();
            String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, run.waitFor(), "apparmor_parser refused\n" + p.text() + "\n" + out);
        }
        Files.writeString(dir.resolve("broken"), "profile x { bogus, }\n");
        Process broken = new ProcessBuilder(parser.toString(), "-Q", "-K", dir.resolve("broken").toString())
                .redirectErrorStream(true).start();
        broken.getInputStream().readAllBytes();
        assertTrue(broken.waitFor() != 0, "the parser check can fail");
    }

    @Test
    void readsTheKernelsStateFromItsFiles() throws Exception {
        Path enabled = dir.resolve("enabled");
        assertFalse(AppArmor.enabled(enabled), "no module: no AppArmor");
        Files.writeString(enabled, "N\n");
        assertFalse(AppArmor.enabled(enabled));
        Files.writeString(enabled, "Y\n");
        assertTrue(AppArmor.enabled(enabled));
        Path profiles = dir.resolve("profiles");
        Files.writeString(profiles, "cairn-default-old (enforce)\ncairn-default (enforce)\n");
        assertTrue(AppArmor.loaded(profiles, "cairn-default"));
        assertFalse(AppArmor.loaded(profiles, "cairn"));
        assertFalse(AppArmor.loaded(dir.resolve("absent"), "cairn-default"));
    }
}
