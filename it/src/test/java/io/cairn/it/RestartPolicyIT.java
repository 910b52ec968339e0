package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Restart policies with real conmon and runc: on-failure's bound, always after a clean exit, Docker's
 * doubling back-off (read from the journaled events' times), a user's stop, and a daemon killed with
 * SIGKILL while its container dies.
 */
class RestartPolicyIT extends WithBusyboxDaemon {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void onFailureRestartsExactlyMaxRetriesTimesWithAGrowingBackoff() throws Exception {
        Exec.Result run = cairn.run("run", "-d", "--name", "failing", "--restart", "on-failure:2", "bb", "sh", "-c", "exit 1");
        assertEquals(0, run.exit(), run.toString());
        String id = run.out().trim();
        JsonNode state = cairn.awaitInspect("failing", c -> c.path("RestartCount").asInt() == 2
                && c.path("State").path("Status").asText().equals("exited"));
        Thread.sleep(1500); // longer than the next back-off (400 ms) would have been
        state = cairn.inspect("failing");
        assertEquals(2, state.path("RestartCount").asInt(), state.toString());
        assertEquals("exited", state.path("State").path("Status").asText());
        assertEquals(1, state.path("State").path("ExitCode").asInt());
        assertEquals("on-failure", state.path("HostConfig").path("RestartPolicy").path("Name").asText());
        assertEquals(2, state.path("HostConfig").path("RestartPolicy").path("MaximumRetryCount").asInt());

        List<JsonNode> events = events(id);
        List<Long> delays = new ArrayList<>();
        List<Long> waited = new ArrayList<>();
        long scheduledAt = -1;
        for (JsonNode e : events) {
            String action = e.path("Action").asText();
            if (action.equals("restart-scheduled")) {
                delays.add(e.path("Actor").path("Attributes").path("delayMillis").asLong());
                scheduledAt = e.path("timeNano").asLong();
            } else if (action.equals("starting") && scheduledAt >= 0) {
                waited.add((e.path("timeNano").asLong() - scheduledAt) / 1_000_000);
                scheduledAt = -1;
            }
        }
        assertEquals(List.of(100L, 200L), delays, "Docker's back-off: 100 ms, then doubled");
        assertEquals(2, waited.size(), events.toString());
        for (int i = 0; i < 2; i++) {
            assertTrue(waited.get(i) >= delays.get(i), "restart " + (i + 1) + " waited " + waited.get(i) + " ms, less than "
                    + delays.get(i));
        }
        assertEquals(3, events.stream().filter(e -> e.path("Action").asText().equals("die")).count(), events.toString());
    }

    @Test
    void alwaysRestartsAfterACleanExitUntilStopped() throws Exception {
        assertEquals(0, cairn.run("run", "-d", "--name", "looping", "--restart", "always", "bb", "sh", "-c",
                "sleep 0.2; exit 0").exit());
        cairn.awaitInspect("looping", c -> c.path("RestartCount").asInt() >= 2);
        Exec.Result stop = cairn.run("stop", "-t", "1", "looping");
        assertEquals(0, stop.exit(), stop.toString());
        JsonNode stopped = cairn.awaitInspect("looping", c -> c.path("State").path("Status").asText().equals("exited"));
        int count = stopped.path("RestartCount").asInt();
        Thread.sleep(1500);
        JsonNode later = cairn.inspect("looping");
        assertEquals("exited", later.path("State").path("Status").asText(), "a user's stop holds the policy off");
        assertEquals(count, later.path("RestartCount").asInt());
        // a user's start resets the count, as Docker's does
        assertEquals(0, cairn.run("start", "looping").exit());
        cairn.awaitInspect("looping", c -> c.path("RestartCount").asInt() >= 1);
    }

    @Test
    void restartWithRmIsRefused() throws Exception {
        Exec.Result r = cairn.run("run", "--rm", "--restart", "always", "bb", "true");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("Conflicting options: --restart and --rm"), r.err());
        Exec.Result bad = cairn.run("create", "--restart", "sometimes", "bb", "true");
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("invalid restart policy"), bad.err());
        Exec.Result count = cairn.run("create", "--restart", "always:3", "bb", "true");
        assertEquals(1, count.exit(), count.toString());
        assertTrue(count.err().contains("on-failure"), count.err());
        assertEquals("", cairn.run("ps", "-a", "-q").out(), "nothing created");
    }

    @Test
    void policiesAcrossADaemonKilledWithSigkill() throws Exception {
        assertEquals(0, cairn.run("run", "-d", "--name", "unless", "--restart", "unless-stopped", "bb", "sleep", "1000").exit());
        assertEquals(0, cairn.run("run", "-d", "--name", "stopped-unless", "--restart", "unless-stopped", "bb", "sleep", "1000").exit());
        assertEquals(0, cairn.run("run", "-d", "--name", "stopped-always", "--restart", "always", "bb", "sleep", "1000").exit());
        assertEquals(0, cairn.run("stop", "-t", "0", "stopped-unless", "stopped-always").exit());
        long pid = cairn.inspect("unless").path("State").path("Pid").asLong();
        assertTrue(pid > 0);

        cairn.stopDaemon(true);
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroyForcibly(); // the container dies while no daemon watches it
            p.onExit().join();
        });
        cairn.startDaemon();

        JsonNode back = cairn.awaitInspect("unless", c -> c.path("State").path("Status").asText().equals("running")
                && c.path("RestartCount").asInt() == 1);
        assertTrue(back.path("State").path("Pid").asLong() != pid);
        // Docker: always comes back when the daemon starts even after a user's stop; unless-stopped does not
        cairn.awaitInspect("stopped-always", c -> c.path("State").path("Status").asText().equals("running"));
        Thread.sleep(500);
        assertEquals("exited", cairn.inspect("stopped-unless").path("State").path("Status").asText());
    }

    private static List<JsonNode> events(String id) throws Exception {
        Exec.Result r = cairn.run("events", "--since", "0", "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--filter", "container=" + id, "--format", "json");
        assertEquals(0, r.exit(), r.toString());
        List<JsonNode> out = new ArrayList<>();
        for (String line : r.lines()) {
            out.add(JSON.readTree(line));
        }
        return out;
    }
}
