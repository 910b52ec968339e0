package io.cairn.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.it.BusyboxImage;
import io.cairn.it.Cairn;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two daemons on two roots, each with its default bridge: they decided the same free subnet while
 * neither bridge was up; the second to start a container finds the first's bridge on it and moves
 * its default bridge to the next free /16. Both serve their published ports.
 */
class TwoDaemonsIT {

    @Test
    void defaultBridgesOfTwoRootsNeverShareASubnetOrABridge() throws Exception {
        Net.requireTools();
        try (Cairn a = Cairn.withDefaultBridge(); Cairn b = Cairn.withDefaultBridge()) {
            try {
                a.startDaemon();
                b.startDaemon();
                Net.importImage(a);
                Net.importImage(b);
                // both default bridges exist, no bridge is up yet
                JsonNode bridgeA = defaultBridge(a);
                JsonNode bridgeB = defaultBridge(b);
                assertNotEquals(name(bridgeA), name(bridgeB), "one bridge interface for two daemons");

                int portA = Net.freePort();
                a.run(Net.web("wa", "-p", "127.0.0.1:" + portA + ":80").toArray(String[]::new)).ok();
                int portB = Net.freePort();
                b.run(Net.web("wb", "-p", "127.0.0.1:" + portB + ":80").toArray(String[]::new)).ok();
                assertEquals("hello wa\n", Net.fetch(portA));
                assertEquals("hello wb\n", Net.fetch(portB));
                String subnetA = subnet(defaultBridge(a));
                String subnetB = subnet(defaultBridge(b));
                assertNotEquals(subnetA, subnetB, "two bridges on one subnet");
                assertEquals(subnet(bridgeA), subnetA, "the first to run keeps its subnet");
                if (!subnet(bridgeB).equals(subnetA)) {
                    assertEquals(subnet(bridgeB), subnetB, "only a clash moves a default bridge");
                }
            } finally {
                Net.removeAll(a);
                Net.removeAll(b);
            }
            for (Cairn c : List.of(a, b)) {
                assertEquals(List.of(), Net.netnsFiles(c));
                assertEquals(List.of(), BusyboxImage.leftovers(c));
                assertFalse(Net.link(name(defaultBridge(c))), "a bridge without containers is left");
            }
        }
    }

    private static JsonNode defaultBridge(Cairn c) throws Exception {
        return Jsons.read(c.run("network", "inspect", "bridge").ok().out()).get(0);
    }

    private static String name(JsonNode n) {
        return n.path("Options").path("com.docker.network.bridge.name").asText();
    }

    private static String subnet(JsonNode n) {
        return n.path("IPAM").path("Config").get(0).path("Subnet").asText();
    }
}
