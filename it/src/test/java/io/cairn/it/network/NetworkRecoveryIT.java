package io.cairn.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.it.BusyboxImage;
import io.cairn.it.Cairn;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A daemon SIGKILL: a running container keeps serving its published port through the restart; one
 * killed while the daemon was down has its addresses, ports and namespace released at the next start.
 */
class NetworkRecoveryIT {

    @Test
    void runningContainersKeepTheirPortsAndDeadOnesAreReleased() throws Exception {
        Net.requireTools();
        try (Cairn cairn = new Cairn()) {
            try {
                cairn.startDaemon();
                Net.importImage(cairn);
                cairn.run("network", "create", "--subnet", "10.213.21.0/24", "survive").ok();
                int port = Net.freePort();
                cairn.run(Net.web("srv", "--network", "survive", "-p", "127.0.0.1:" + port + ":80")
                        .toArray(String[]::new)).ok();
                int victimPort = Net.freePort();
                String victim = cairn.run("run", "-d", "--name", "victim", "--network", "survive", "-p",
                        "127.0.0.1:" + victimPort + ":80", "bb", "sleep", "600").ok().out().trim();
                assertEquals("hello srv\n", Net.fetch(port));
                long victimPid = inspect(cairn, "victim").path("State").path("Pid").asLong();
                assertTrue(victimPid > 0);
                assertTrue(Files.exists(cairn.root().resolve("netns").resolve(victim)));

                cairn.stopDaemon(true); // SIGKILL
                ProcessHandle.of(victimPid).ifPresent(h -> {
                    h.destroyForcibly();
                    h.onExit().join();
                });
                assertEquals("hello srv\n", Net.fetch(port), "the page is served while the daemon is down");

                cairn.startDaemon();
                assertEquals("hello srv\n", Net.fetch(port), "the page is served after the restart");
                JsonNode v = inspect(cairn, "victim");
                assertFalse(v.path("State").path("Running").asBoolean(), v.toString());
                assertEquals("", v.path("NetworkSettings").path("SandboxKey").asText(), "the dead one's allocation is held");
                assertFalse(Files.exists(cairn.root().resolve("netns").resolve(victim)), "the dead one's netns is left");
                assertEquals(List.of(), Net.rulesMentioning("dport " + victimPort + " "), "the dead one's port rule is left");
                // its address and port are free again: it starts with them
                cairn.run("start", "victim").ok();
                assertEquals(Integer.toString(victimPort), inspect(cairn, "victim").path("NetworkSettings").path("Ports")
                        .path("80/tcp").get(0).path("HostPort").asText());
            } finally {
                Net.removeAll(cairn);
            }
            assertEquals(List.of(), Net.netnsFiles(cairn));
            assertEquals(List.of(), Net.rulesMentioning("10.213.21."));
            assertEquals(List.of(), BusyboxImage.leftovers(cairn));
        }
    }

    private static JsonNode inspect(Cairn cairn, String name) throws Exception {
        return Jsons.read(cairn.run("inspect", name).ok().out()).get(0);
    }
}
