package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The rest of {@code run}/{@code create} with real conmon and runc: stop signal and timeout (the
 * image's STOPSIGNAL too), {@code --init}, {@code --sysctl}, {@code --device}, {@code --group-add},
 * {@code no-new-privileges}, {@code -t}/{@code -i} recorded, the image's health check and exposed ports
 * inherited, {@code ps -n}, anonymous volumes; each with the refusals Docker makes.
 */
class RunOptionsIT extends WithBusyboxDaemon {

    private static final ObjectMapper JSON = new ObjectMapper();
    @AfterAll
    static void removeVolumes() throws Exception {
        removeAllContainers();
        for (String v : cairn.run("volume", "ls", "-q").lines()) {
            cairn.run("volume", "rm", "-f", v);
        }
    }

    @Test
    void stopUsesTheStopSignalAndTimeoutOfTheContainerAndTheImage() throws Exception {
        assertEquals(0, cairn.run("run", "-d", "--name", "sig", "--stop-signal", "USR1", "--stop-timeout", "1", "bb", "sh",
                "-c", "trap 'echo got-usr1' USR1; echo ready; while true; do sleep 0.1; done").exit());
        awaitLog("sig", "ready");
        JsonNode config = inspect("sig").path("Config");
        assertEquals("USR1", config.path("StopSignal").asText());
        assertEquals(1, config.path("StopTimeout").asInt());
        long t0 = System.nanoTime();
        assertEquals(0, cairn.run("stop", "sig").exit());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 1000, "waited the 1 s stop timeout, not " + ms + " ms");
        assertEquals(137, inspect("sig").path("State").path("ExitCode").asInt(), "the trap survived USR1: killed after 1 s");
        assertTrue(cairn.run("logs", "sig").out().contains("got-usr1"));

        Path dir = Files.createTempDirectory("cairn-stopsignal");
        try {
            Files.writeString(dir.resolve("Dockerfile"), "FROM bb\nSTOPSIGNAL SIGUSR2\nEXPOSE 8080 53/udp\n"
                    + "HEALTHCHECK --interval=5s --retries=2 CMD true\n");
            Exec.Result built = cairn.run("build", "-q", "-t", "bb-meta", dir.toString());
            assertEquals(0, built.exit(), built.toString());
        } finally {
            Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertEquals(0, cairn.run("create", "--name", "meta", "--expose", "9000", "bb-meta", "true").exit());
        JsonNode meta = inspect("meta").path("Config");
        assertEquals("SIGUSR2", meta.path("StopSignal").asText());
        assertTrue(meta.path("ExposedPorts").has("8080/tcp"), meta.toString());
        assertTrue(meta.path("ExposedPorts").has("53/udp"), meta.toString());
        assertTrue(meta.path("ExposedPorts").has("9000/tcp"), meta.toString());
        assertEquals("[\"CMD-SHELL\",\"true\"]", meta.path("Healthcheck").path("Test").toString());
        assertEquals(5_000_000_000L, meta.path("Healthcheck").path("Interval").asLong());
        assertEquals(2, meta.path("Healthcheck").path("Retries").asInt());
        assertEquals(0, cairn.run("create", "--name", "nohealth", "--no-healthcheck", "bb-meta", "true").exit());
        assertEquals("[\"NONE\"]", inspect("nohealth").path("Config").path("Healthcheck").path("Test").toString());

        Exec.Result badSignal = cairn.run("create", "--stop-signal", "SIGNOPE", "bb", "true");
        assertEquals(1, badSignal.exit(), badSignal.toString());
        assertTrue(badSignal.err().contains("invalid signal"), badSignal.err());
    }

    @Test
    void initRunsTiniAsPidOneAndReapsZombies() throws Exception {
        Exec.Result run = cairn.run("run", "--rm", "--init", "bb", "sh", "-c",
                "tr '\\0' ' ' < /proc/1/cmdline; echo; (sleep 0.2 &); sleep 1;"
                        + " zombies=0; for s in /proc/[0-9]*/stat; do case $(cut -d' ' -f3 $s) in Z) zombies=$((zombies+1));; esac; done;"
                        + " echo zombies=$zombies");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().startsWith("/sbin/docker-init -- sh -c"), run.out());
        assertTrue(run.out().contains("zombies=0"), run.out());
        assertEquals(0, cairn.run("create", "--name", "init", "--init", "bb", "true").exit());
        assertTrue(inspect("init").path("HostConfig").path("Init").asBoolean());
    }

    @Test
    void sysctlsThatAreNamespacedAndNoOthers() throws Exception {
        Exec.Result run = cairn.run("run", "--rm", "--sysctl", "net.ipv4.ip_forward=1", "--sysctl", "kernel.shmmax=65536",
                "bb", "sh", "-c", "cat /proc/sys/net/ipv4/ip_forward /proc/sys/kernel/shmmax");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("1\n65536\n", run.out());
        Exec.Result host = cairn.run("create", "--sysctl", "kernel.hostname=x", "bb", "true");
        assertEquals(1, host.exit(), host.toString());
        assertTrue(host.err().contains("sysctl 'kernel.hostname' is not allowed"), host.err());
        Exec.Result net = cairn.run("create", "--network", "host", "--sysctl", "net.ipv4.ip_forward=1", "bb", "true");
        assertEquals(1, net.exit(), net.toString());
        assertTrue(net.err().contains("not allowed in host network namespace"), net.err());
    }

    @Test
    void devicesGroupsAndNoNewPrivileges() throws Exception {
        Exec.Result run = cairn.run("run", "--rm", "--device", "/dev/zero:/dev/myzero:r", "--group-add", "1234",
                "--group-add", "nobody", "--security-opt", "no-new-privileges", "bb", "sh", "-c",
                "ls -l /dev/myzero | cut -c1; head -c 3 /dev/myzero | wc -c; id -G; grep NoNewPrivs /proc/self/status");
        assertEquals(0, run.exit(), run.toString());
        List<String> lines = run.lines();
        assertEquals("c", lines.get(0));
        assertEquals("3", lines.get(1).trim());
        assertTrue(List.of(lines.get(2).split(" ")).containsAll(List.of("1234", "65534")), lines.get(2));
        assertTrue(lines.get(3).matches("NoNewPrivs:\\s+1"), lines.get(3));
        // a device outside Docker's default rules: the cgroup rule decides whether it opens for writing
        Exec.Result readOnly = cairn.run("run", "--rm", "--device", "/dev/loop-control:/dev/lc:r", "bb", "sh", "-c",
                "exec 3>/dev/lc");
        assertTrue(readOnly.exit() != 0 && readOnly.err().contains("not permitted"), "the rule allows reading only: " + readOnly);
        Exec.Result readWrite = cairn.run("run", "--rm", "--device", "/dev/loop-control:/dev/lc:rw", "bb", "sh", "-c",
                "exec 3>/dev/lc");
        assertEquals(0, readWrite.exit(), readWrite.toString());

        Exec.Result notDevice = cairn.run("create", "--device", "/etc/passwd", "bb", "true");
        assertEquals(1, notDevice.exit(), notDevice.toString());
        assertTrue(notDevice.err().contains("not a device node"), notDevice.err());
        Exec.Result missing = cairn.run("create", "--device", "/dev/no-such-device", "bb", "true");
        assertEquals(1, missing.exit(), missing.toString());
        Exec.Result badOpt = cairn.run("create", "--security-opt", "label=disable", "bb", "true");
        assertEquals(1, badOpt.exit(), badOpt.toString());
        assertTrue(badOpt.err().contains("invalid --security-opt"), badOpt.err());
        Exec.Result badGroup = cairn.run("run", "--rm", "--group-add", "no-such-group", "bb", "true");
        assertTrue(badGroup.exit() != 0, "exit " + badGroup.exit());
        assertTrue(badGroup.err().contains("unable to find group no-such-group"), "exit " + badGroup.exit() + ": "
                + badGroup.err() + badGroup.out());
    }

    @Test
    void ttyAndStdinRecordedPsLastAndAnonymousVolumes() throws Exception {
        assertEquals(0, cairn.run("create", "--name", "first", "-t", "-i", "bb", "true").exit());
        JsonNode config = inspect("first").path("Config");
        assertTrue(config.path("Tty").asBoolean());
        assertTrue(config.path("OpenStdin").asBoolean());
        assertEquals(0, cairn.run("create", "--name", "second", "-v", "/data", "bb", "true").exit());
        assertEquals(List.of("second"), names(cairn.run("ps", "-n", "1", "--format", "json")));
        assertEquals(List.of("second"), names(cairn.run("ps", "-l", "--format", "json")));
        assertEquals(List.of("second", "first"), names(cairn.run("ps", "--last", "5", "--format", "json")));
        String volume = inspect("second").path("Mounts").get(0).path("Name").asText();
        assertTrue(cairn.run("volume", "ls", "-q").lines().contains(volume));
        assertEquals(0, cairn.run("rm", "-v", "second").exit());
        assertFalse(cairn.run("volume", "ls", "-q").lines().contains(volume), "rm -v removed the anonymous volume");
    }

    @Test
    void logRotationKeepsMaxFilesAndLogsReadsAcrossThem() throws Exception {
        // 400 numbered lines of ~100 bytes, slowly enough for each 4 KiB file to be kept before the next rotation
        Exec.Result run = cairn.run("run", "-d", "--name", "rotating", "--log-opt", "max-size=4k", "--log-opt", "max-file=3",
                "bb", "sh", "-c", "i=1; while [ $i -le 400 ]; do printf '%04d %095d\\n' $i 0; i=$((i+1));"
                        + " if [ $((i % 10)) -eq 0 ]; then sleep 0.1; fi; done");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("0\n", cairn.run("wait", "rotating").out());
        Path dir = cairn.root().resolve("containers").resolve(inspect("rotating").path("Id").asText());
        try (var files = Files.list(dir)) {
            List<String> logs = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("container.log."))
                    .filter(n -> n.matches("container\\.log\\.\\d+")).sorted().toList();
            assertEquals(List.of("container.log.1", "container.log.2"), logs, "max-file=3: the live file and two rotated");
        }
        List<String> lines = cairn.run("logs", "rotating").lines();
        assertTrue(lines.size() > 40 && lines.size() < 400, "the oldest lines rotated away: " + lines.size());
        for (int i = 1; i < lines.size(); i++) {
            int prev = Integer.parseInt(lines.get(i - 1).substring(0, 4));
            assertEquals(prev + 1, Integer.parseInt(lines.get(i).substring(0, 4)), "in order across files at " + i);
        }
        assertTrue(lines.get(lines.size() - 1).startsWith("0400 "), lines.get(lines.size() - 1));
        List<String> tail = cairn.run("logs", "--tail", "3", "rotating").lines();
        assertEquals(List.of("0398", "0399", "0400"), tail.stream().map(l -> l.substring(0, 4)).toList());
        assertEquals(List.of("max-size", "max-file"), fieldNames(inspect("rotating").path("HostConfig")
                .path("LogConfig").path("Config").fieldNames()));

        Exec.Result badOpt = cairn.run("create", "--log-opt", "compress=true", "bb", "true");
        assertEquals(1, badOpt.exit(), badOpt.toString());
        assertTrue(badOpt.err().contains("unknown log opt 'compress'"), badOpt.err());
        Exec.Result fileOnly = cairn.run("create", "--log-opt", "max-file=2", "bb", "true");
        assertEquals(1, fileOnly.exit(), fileOnly.toString());
    }

    @Test
    void buildShowsRunOutputWithoutATrailingNewlineAndCachedSteps() throws Exception {
        Path dir = Files.createTempDirectory("cairn-partial");
        try {
            Files.writeString(dir.resolve("Dockerfile"), "FROM bb\nRUN printf 'Reading package lists...'; sleep 0.3;"
                    + " printf ' Done\\n'; printf 'no newline at the end'\n");
            Exec.Result first = cairn.run("build", "--progress", "plain", "-t", "partial", dir.toString());
            assertEquals(0, first.exit(), first.toString());
            assertTrue(first.err().contains("Reading package lists... Done"), first.err());
            assertTrue(first.err().contains("no newline at the end"), first.err());
            Exec.Result second = cairn.run("build", "--progress", "plain", "-t", "partial", dir.toString());
            assertEquals(0, second.exit(), second.toString());
            assertTrue(second.err().contains("CACHED"), second.err());
        } finally {
            Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static <T> List<T> fieldNames(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static List<String> names(Exec.Result ps) throws Exception {
        assertEquals(0, ps.exit(), ps.toString());
        List<String> out = new java.util.ArrayList<>();
        for (String line : ps.lines()) {
            out.add(JSON.readTree(line).path("Names").asText());
        }
        return out;
    }

    private static JsonNode inspect(String name) throws Exception {
        Exec.Result r = cairn.run("inspect", name);
        assertEquals(0, r.exit(), r.toString());
        return JSON.readTree(r.out()).get(0);
    }

    private static void awaitLog(String name, String text) throws Exception {
        for (int i = 0; i < 200; i++) {
            if (cairn.run("logs", name).out().contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " never logged " + text);
    }
}
