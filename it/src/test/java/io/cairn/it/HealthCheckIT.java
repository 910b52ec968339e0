package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Health checks with real conmon and runc: {@code --health-*} and the image's HEALTHCHECK, Docker's
 * retries, start period and timeout, the probe running as the container's user, the verdict in
 * {@code ps} and {@code inspect} and as journaled {@code health_status} events.
 */
class HealthCheckIT extends WithBusyboxDaemon {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void unhealthyAfterRetriesThenHealthyWithEventsPsAndInspect() throws Exception {
        // the test decides when the probe passes: it looks for a file in a directory the test owns
        Path control = Files.createTempDirectory(cairn.root().getParent(), "health-control");
        String id = cairn.run("run", "-d", "--name", "probed", "-v", control + ":/ctl", "--health-cmd", "test -e /ctl/ok",
                "--health-interval", "200ms", "--health-retries", "2", "bb", "sleep", "1000").out().trim();
        JsonNode sick = cairn.awaitInspect("probed", c -> c.path("State").path("Health").path("Status").asText().equals("unhealthy"));
        assertTrue(sick.path("State").path("Health").path("FailingStreak").asInt() >= 2, sick.toString());
        assertTrue(cairn.run("ps").out().contains("(unhealthy)"));
        Files.createFile(control.resolve("ok"));
        JsonNode well = cairn.awaitInspect("probed", c -> c.path("State").path("Health").path("Status").asText().equals("healthy"));
        JsonNode health = well.path("State").path("Health");
        assertEquals(0, health.path("FailingStreak").asInt());
        JsonNode log = health.path("Log");
        assertTrue(log.size() >= 1 && log.size() <= 5, log.toString());
        assertEquals(0, log.get(log.size() - 1).path("ExitCode").asInt());
        assertTrue(cairn.run("ps").out().contains("(healthy)"));
        List<String> statuses = new ArrayList<>();
        Exec.Result events = cairn.run("events", "--since", "0", "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--filter", "container=" + id, "--format", "json");
        for (String line : events.lines()) {
            String action = JSON.readTree(line).path("Action").asText();
            if (action.startsWith("health_status")) {
                statuses.add(action);
            }
        }
        assertEquals(List.of("health_status: unhealthy", "health_status: healthy"), statuses);
        assertEquals(0, cairn.run("rm", "-f", "probed").exit());
        Files.delete(control.resolve("ok"));
        Files.delete(control);
    }

    @Test
    void imageHealthcheckStartPeriodTimeoutAndUser() throws Exception {
        Path dir = Files.createTempDirectory("cairn-health");
        try {
            Files.writeString(dir.resolve("Dockerfile"), "FROM bb\nHEALTHCHECK --interval=200ms CMD [\"true\"]\n");
            assertEquals(0, cairn.run("build", "-q", "-t", "bb-healthy", dir.toString()).exit());
        } finally {
            Files.walk(dir).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertEquals(0, cairn.run("run", "-d", "--name", "inherits", "bb-healthy", "sleep", "1000").exit());
        cairn.awaitInspect("inherits", c -> c.path("State").path("Health").path("Status").asText().equals("healthy"));
        assertEquals(0, cairn.run("run", "-d", "--name", "disabled", "--no-healthcheck", "bb-healthy", "sleep", "1000").exit());
        Thread.sleep(600);
        assertTrue(cairn.inspect("disabled").path("State").path("Health").isMissingNode(), "--no-healthcheck: no probe");

        assertEquals(0, cairn.run("run", "-d", "--name", "warming", "--health-cmd", "false", "--health-interval", "200ms",
                "--health-retries", "1", "--health-start-period", "30s", "bb", "sleep", "1000").exit());
        Thread.sleep(1500);
        JsonNode warming = cairn.inspect("warming").path("State").path("Health");
        assertEquals("starting", warming.path("Status").asText(), "failures in the start period do not count");
        assertTrue(warming.path("Log").size() >= 2, warming.toString());

        assertEquals(0, cairn.run("run", "-d", "--name", "slow", "--health-cmd", "sleep 5", "--health-interval", "200ms",
                "--health-timeout", "300ms", "--health-retries", "1", "bb", "sleep", "1000").exit());
        JsonNode slow = cairn.awaitInspect("slow", c -> c.path("State").path("Health").path("Status").asText().equals("unhealthy"));
        assertEquals(-1, slow.path("State").path("Health").path("Log").get(0).path("ExitCode").asInt());

        assertEquals(0, cairn.run("run", "-d", "--name", "nobody", "--user", "nobody", "--health-cmd",
                "test $(id -u) = 65534", "--health-interval", "200ms", "bb", "sleep", "1000").exit());
        cairn.awaitInspect("nobody", c -> c.path("State").path("Health").path("Status").asText().equals("healthy"));

        Exec.Result bad = cairn.run("create", "--health-interval", "soon", "bb", "true");
        assertEquals(125, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("invalid duration"), bad.err());
        Exec.Result conflict = cairn.run("create", "--no-healthcheck", "--health-cmd", "true", "bb", "true");
        assertEquals(125, conflict.exit(), conflict.toString());
    }

}
