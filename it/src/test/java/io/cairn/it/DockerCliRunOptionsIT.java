package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stock docker CLI against Cairn's socket ({@code DOCKER_HOST=unix://<root>/cairn.sock}): restart
 * policies, {@code --init}, {@code --sysctl}, stop options, {@code ps -n}, and the refusals, through
 * Docker's own client and its reading of {@code inspect}.
 */
class DockerCliRunOptionsIT extends WithBusyboxDaemon {

    private static Path docker;

    @BeforeAll
    static void findDocker() {
        docker = Tools.require("docker", "apt-get install -y docker.io (the CLI is enough)");
    }

    private static Exec.Result docker(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(docker.toString()));
        command.addAll(List.of(args));
        return Exec.run(command, Map.of("DOCKER_HOST", "unix://" + cairn.root().resolve("cairn.sock"),
                "DOCKER_CONFIG", cairn.root().resolveSibling(cairn.root().getFileName() + "-docker-config").toString()));
    }

    @Test
    void restartPolicyThroughTheDockerCli() throws Exception {
        Exec.Result run = docker("run", "-d", "--network", "none", "--name", "dfail", "--restart", "on-failure:2", "bb", "sh", "-c", "exit 1");
        assertEquals(0, run.exit(), run.toString());
        String seen = "";
        for (int i = 0; i < 300 && !seen.equals("2 exited"); i++) {
            Thread.sleep(100);
            seen = docker("inspect", "-f", "{{.RestartCount}} {{.State.Status}}", "dfail").out().trim();
        }
        assertEquals("2 exited", seen);
        assertEquals("on-failure 2", docker("inspect", "-f",
                "{{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}", "dfail").out().trim());
        Exec.Result rm = docker("run", "--rm", "--network", "none", "--restart", "always", "bb", "true");
        // docker 28's client refuses it itself ("cannot specify both --restart and --rm"); older ones leave it to the daemon
        assertTrue(rm.exit() != 0 && rm.err().toLowerCase().contains("conflicting options"), rm.err());
        // the API refuses it too, whatever the client
        Exec.Result raw = Exec.run(List.of("curl", "-s", "--unix-socket", cairn.root().resolve("cairn.sock").toString(),
                "-H", "Content-Type: application/json", "-d",
                "{\"Image\":\"bb\",\"Cmd\":[\"true\"],\"HostConfig\":{\"AutoRemove\":true,\"RestartPolicy\":{\"Name\":\"always\"}}}",
                "http://d/v1.43/containers/create"), Map.of());
        assertTrue(raw.out().contains("Conflicting options: --restart and --rm"), raw.toString());
    }

    @Test
    void runOptionsThroughTheDockerCli() throws Exception {
        Exec.Result init = docker("run", "-d", "--network", "none", "--name", "dinit", "--init", "--sysctl", "net.ipv4.ip_forward=1",
                "--stop-signal", "SIGUSR1", "--stop-timeout", "3", "--group-add", "1234", "-t", "bb", "sleep", "100");
        assertEquals(0, init.exit(), init.toString());
        assertEquals("true map[net.ipv4.ip_forward:1] SIGUSR1 3 [1234] true", docker("inspect", "-f",
                "{{.HostConfig.Init}} {{.HostConfig.Sysctls}} {{.Config.StopSignal}} {{.Config.StopTimeout}}"
                        + " {{.HostConfig.GroupAdd}} {{.Config.Tty}}", "dinit").out().trim());
        assertEquals("dinit", docker("ps", "-n", "1", "--format", "{{.Names}}").out().trim());
        assertEquals(0, docker("rm", "-f", "dinit").exit());
        Exec.Result healthy = docker("run", "-d", "--network", "none", "--name", "dhealth", "--health-cmd", "true",
                "--health-interval", "200ms", "bb", "sleep", "100");
        assertEquals(0, healthy.exit(), healthy.toString());
        String health = "";
        for (int i = 0; i < 300 && !health.equals("healthy"); i++) {
            Thread.sleep(100);
            health = docker("inspect", "-f", "{{.State.Health.Status}}", "dhealth").out().trim();
        }
        assertEquals("healthy", health);
        assertTrue(docker("ps", "--format", "{{.Status}}", "--filter", "name=dhealth").out().contains("(healthy)"));
        assertEquals(0, docker("rm", "-f", "dhealth").exit());
        Exec.Result sysctl = docker("create", "--network", "none", "--sysctl", "kernel.domainname=x", "bb", "true");
        assertTrue(sysctl.exit() != 0 && sysctl.err().contains("is not allowed"), sysctl.toString());
        Exec.Result device = docker("create", "--network", "none", "--device", "/etc/hostname", "bb", "true");
        assertTrue(device.exit() != 0 && device.err().contains("not a device node"), device.toString());
    }
}
