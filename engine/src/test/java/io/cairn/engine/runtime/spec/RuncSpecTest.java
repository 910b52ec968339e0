package io.cairn.engine.runtime.spec;

import io.cairn.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.engine.image.oci.ExecutionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs generated specs for real: {@code runc run} of a busybox rootfs, checking isolation from
 * inside the container. Needs root, runc and busybox-static (skipped otherwise). Every runc
 * container is deleted, its cgroup parent removed and its files deleted, whatever happens.
 */
class RuncSpecTest {

    private static Path runc;
    /** Prints one KEY=value line per check; stderr is silenced so that no message splits a line. */
    private static final String PROBE = String.join("; ",
            "exec 2>/dev/null",
            "grep CapEff /proc/self/status",
            "echo host=$(hostname)",
            "if unshare -U true 2>/dev/null; then echo unshare=allowed; else echo unshare=denied; fi",
            "echo kcore=$(if [ -e /proc/kcore ]; then stat -c %F /proc/kcore; else echo absent; fi)",
            "echo keys=$(stat -c %F /proc/keys)",
            "echo firmware=$(ls -A /sys/firmware | wc -l)",
            "if (echo x > /proc/sys/kernel/domainname); then echo procsys=writable; else echo procsys=readonly; fi",
            "echo lo=$(cat /sys/class/net/lo/flags)",
            "echo uid=$(id -u) gid=$(id -g)",
            "echo nofile=$(ulimit -n)",
            "echo home=$HOME",
            "echo devices=$(ls /dev | tr '\\n' ' ')");

    private static Path work;
    private static Path rootfs;

    @BeforeAll
    static void busyboxRootfs() throws Exception {
        runc = Tools.require("runc", "apt-get install -y runc");
        Tools.requireThat("0".equals(run(List.of("id", "-u"), null).trim()), "root (runc runs containers as root)");
        Path script = repoFile("scripts/make-busybox-rootfs.sh");
        work = Files.createTempDirectory("cairn-runc-spec");
        rootfs = work.resolve("rootfs");
        Files.createDirectories(rootfs);
        Path tar = work.resolve("busybox.tar");
        run(List.of("bash", script.toString(), tar.toString()), null);
        run(List.of("tar", "-xf", tar.toString(), "-C", rootfs.toString()), null);
    }

    @AfterAll
    static void removeFiles() throws IOException {
        if (work != null) {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            String mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
            assertFalse(mountinfo.contains(work.toString()), "a mount under " + work + " leaked:\n" + mountinfo);
        }
    }

    @Test
    void defaultIsolationSeenFromInside() throws Exception {
        String id = randomId();
        Map<String, String> out = runContainer(id, RunOptions.builder().cmd(List.of("/bin/sh", "-c", PROBE)).build());

        assertEquals("00000000a80425fb", out.get("CapEff:"), out.toString());
        assertEquals(id.substring(0, 12), out.get("host"));
        assertEquals("denied", out.get("unshare"), "unshare -U must fail under the default seccomp profile");
        // This host's kernel has no /proc/kcore (no CONFIG_PROC_KCORE); where it has one, it is masked.
        String kcore = out.get("kcore");
        assertTrue(kcore.equals("character special file") == Files.exists(Path.of("/proc/kcore"))
                && (kcore.equals("character special file") || kcore.equals("absent")), "/proc/kcore: " + kcore);
        assertEquals("character special file", out.get("keys"), "/proc/keys is masked with /dev/null");
        assertEquals("0", out.get("firmware"), "/sys/firmware is masked with an empty tmpfs");
        assertEquals("readonly", out.get("procsys"), "/proc/sys is read-only");
        long flags = Long.decode(out.get("lo"));
        assertEquals(1, flags & 1, "loopback is up (IFF_UP) in --network none");
        assertEquals("0 gid=0", out.get("uid"));
        assertEquals(Long.toString(new LinuxHost().hardLimits().get("RLIMIT_NOFILE")), out.get("nofile"));
        assertEquals("/root", out.get("home"));
        List<String> devices = List.of(out.get("devices").trim().split(" "));
        assertTrue(devices.containsAll(List.of("null", "zero", "full", "random", "urandom", "tty")), devices.toString());
        assertFalse(devices.stream().anyMatch(d -> d.startsWith("sd") || d.startsWith("nvme") || d.startsWith("vd")),
                "no host disk in /dev: " + devices);
    }

    @Test
    void unconfinedAllowsUnshareAndUsersResolveInTheRootfs() throws Exception {
        String id = randomId();
        Map<String, String> out = runContainer(id, RunOptions.builder()
                .cmd(List.of("/bin/sh", "-c", PROBE))
                .seccomp(new RunOptions.SeccompMode.Unconfined())
                .user("nobody")
                .capDrop(List.of("ALL"))
                .hostname("probe")
                .build());
        // The same probe succeeds without the filter: the denial above is the profile's doing.
        assertEquals("allowed", out.get("unshare"));
        assertEquals("0000000000000000", out.get("CapEff:"));
        assertEquals("probe", out.get("host"));
        assertEquals("65534 gid=65534", out.get("uid"));
        assertEquals("/nonexistent", out.get("home"));
    }

    @Test
    void busyboxBringsLoopbackUpWhenTheHostHasNoIproute() throws Exception {
        Tools.requireFile(Path.of("/bin/busybox"), "apt-get install -y busybox-static");
        LinuxHost linux = new LinuxHost();
        Host busyboxOnly = new Host() {
            @Override public Map<String, Long> hardLimits() { return linux.hardLimits(); }
            @Override public int lastCap() { return linux.lastCap(); }
            @Override public boolean cgroupV2() { return linux.cgroupV2(); }
            @Override public String kernelRelease() { return linux.kernelRelease(); }
            @Override public List<Linux.Device> devices() { return linux.devices(); }
            @Override public Optional<Path> ipCommand() { return Optional.of(Path.of("/bin/busybox")); }
        };
        SpecGenerator generator = new SpecGenerator(busyboxOnly, SpecGenerator.CONTAINERS_SECCOMP, "amd64");
        Map<String, String> out = runContainer(randomId(), RunOptions.builder().cmd(List.of("/bin/sh", "-c", PROBE)).build(),
                generator);
        assertEquals(1, Long.decode(out.get("lo")) & 1, "loopback is up");
    }

    private static Map<String, String> runContainer(String id, RunOptions opts) throws Exception {
        return runContainer(id, opts, SpecGenerator.forThisHost());
    }

    private static Map<String, String> runContainer(String id, RunOptions opts, SpecGenerator generator) throws Exception {
        Spec spec = generator.generate(ExecutionConfig.empty(), opts, rootfs, id);
        // A cgroup parent of the test's own, removed afterwards without touching Cairn's.
        String parent = "cairn-spec-test-" + id.substring(0, 8);
        Linux l = spec.linux();
        spec = new Spec(spec.ociVersion(), spec.process(), spec.root(), spec.hostname(), spec.mounts(), spec.hooks(),
                spec.annotations(), new Linux(l.namespaces(), l.devices(), l.resources(), "/" + parent + "/" + id,
                l.sysctl(), l.seccomp(), l.maskedPaths(), l.readonlyPaths()));
        Path bundle = work.resolve("bundle-" + id.substring(0, 12));
        Files.createDirectories(bundle);
        byte[] json = SpecJson.write(spec);
        RuntimeSchemas.assertValid(json);
        Files.write(bundle.resolve("config.json"), json);
        Path state = work.resolve("runc-state");
        try {
            String output = run(List.of(runc.toString(), "--root", state.toString(), "run", "--bundle", bundle.toString(), id), null);
            Map<String, String> values = new HashMap<>();
            for (String line : output.split("\n")) {
                String trimmed = line.trim();
                int sep = trimmed.startsWith("CapEff:") ? 7 : trimmed.indexOf('=');
                if (sep > 0) {
                    String key = trimmed.startsWith("CapEff:") ? "CapEff:" : trimmed.substring(0, sep);
                    values.put(key, trimmed.substring(trimmed.startsWith("CapEff:") ? 7 : sep + 1).trim());
                }
            }
            return values;
        } finally {
            new ProcessBuilder(runc.toString(), "--root", state.toString(), "delete", "--force", id)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
            try (Stream<Path> controllers = Files.list(Path.of("/sys/fs/cgroup"))) {
                for (Path c : controllers.toList()) {
                    Files.deleteIfExists(c.resolve(parent).resolve(id));
                    Files.deleteIfExists(c.resolve(parent));
                }
            } catch (IOException e) {
                // A controller that never had the parent, or a non-cgroup entry: nothing to remove.
            }
        }
    }

    private static String run(List<String> command, Path dir) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        java.lang.Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(command + " exited " + p.exitValue() + ":\n" + text);
        }
        return text;
    }

    private static String randomId() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static Path repoFile(String relative) {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new AssertionError("no " + relative + " above " + Paths.get("").toAbsolutePath());
    }
}
