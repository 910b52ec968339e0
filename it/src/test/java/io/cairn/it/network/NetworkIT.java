package io.cairn.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.it.BusyboxImage;
import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One daemon with the default bridge: user networks resolve names and stay apart, published ports
 * serve the host on 127.0.0.1, {@code -P}, a taken host port, internal networks, and nothing left
 * after {@code rm -f}.
 */
class NetworkIT {

    private static Cairn cairn;

    @BeforeAll
    static void start() throws Exception {
        Net.requireTools();
        cairn = Cairn.withDefaultBridge();
        cairn.startDaemon();
        Net.importImage(cairn);
    }

    @AfterEach
    void removeContainersAndNetworks() throws Exception {
        Net.removeAll(cairn);
    }

    @AfterAll
    static void noLeaks() throws Exception {
        try {
            if (cairn != null) {
                Net.removeAll(cairn);
                assertEquals(List.of(), Net.netnsFiles(cairn), "network namespaces left");
                assertEquals(List.of(), Net.rulesMentioning("10.213.1"), "iptables rules left");
                assertEquals(List.of(), BusyboxImage.leftovers(cairn));
            }
        } finally {
            if (cairn != null) {
                cairn.close();
            }
        }
    }

    @Test
    void containersOnAUserNetworkReachEachOtherByNameButNotAcrossNetworks() throws Exception {
        cairn.run("network", "create", "--subnet", "10.213.11.0/24", "front").ok();
        cairn.run("network", "create", "--subnet", "10.213.12.0/24", "back").ok();
        cairn.run(Net.web("srv", "--network", "front", "--network-alias", "www").toArray(String[]::new)).ok();
        // busybox-static's wget segfaults in a container (static glibc without NSS, even for "http"'s
        // port): its nslookup, which asks the resolver itself, finds the address, nc fetches the page
        Exec.Result byName = cairn.run("run", "--rm", "--network", "front", "bb", "sh", "-c", resolveAndFetch("srv"));
        assertEquals(0, byName.exit(), byName.toString());
        assertTrue(byName.out().endsWith("\r\n\r\nhello srv\n"), byName.out());
        Exec.Result byAlias = cairn.run("run", "--rm", "--network", "front", "bb", "sh", "-c", resolveAndFetch("www"));
        assertTrue(byAlias.out().endsWith("\r\n\r\nhello srv\n"), byAlias.toString());

        // Across networks only the address is tried: aardvark-dns forwards a name it does not know to
        // the host's resolvers, and these tests send nothing off the host.
        // nor by address: the networks are isolated from each other
        String ip = Jsons.read(cairn.run("inspect", "srv").ok().out()).get(0).path("NetworkSettings").path("Networks")
                .path("front").path("IPAddress").asText();
        assertTrue(ip.startsWith("10.213.11."), ip);
        Exec.Result byIp = cairn.run("run", "--rm", "--network", "back", "bb", "sh", "-c", get(ip));
        assertFalse(byIp.out().contains("hello"), "reached another network's container: " + byIp);
        Exec.Result sameNet = cairn.run("run", "--rm", "--network", "front", "bb", "sh", "-c", get(ip));
        assertTrue(sameNet.out().contains("hello srv"), "the address check reaches nothing at all: " + sameNet);
    }

    @Test
    void theHostFetchesAPageFromAPublishedPortOn127001() throws Exception {
        int port = Net.freePort();
        cairn.run(Net.web("pub", "-p", "127.0.0.1:" + port + ":80").toArray(String[]::new)).ok();
        assertEquals("hello pub\n", Net.fetch(port));
        assertEquals("80/tcp -> 127.0.0.1:" + port + "\n", cairn.run("port", "pub").ok().out());
        assertEquals("127.0.0.1:" + port + "\n", cairn.run("port", "pub", "80/tcp").ok().out());
        Exec.Result none = cairn.run("port", "pub", "81");
        assertEquals(1, none.exit(), none.toString());
        JsonNode settings = Jsons.read(cairn.run("inspect", "pub").ok().out()).get(0).path("NetworkSettings");
        assertTrue(settings.path("IPAddress").asText().startsWith("172."), settings.toString());
        assertEquals(Integer.toString(port), settings.path("Ports").path("80/tcp").get(0).path("HostPort").asText());
    }

    @Test
    void publishAllPicksFreeEphemeralPortsThatInspectReports() throws Exception {
        cairn.run(Net.web("all", "-P").toArray(String[]::new)).ok();
        JsonNode binding = Jsons.read(cairn.run("inspect", "all").ok().out()).get(0)
                .path("NetworkSettings").path("Ports").path("80/tcp").get(0);
        int port = Integer.parseInt(binding.path("HostPort").asText());
        assertTrue(port >= 32768 && port <= 60999, "not an ephemeral port: " + port);
        assertEquals("0.0.0.0", binding.path("HostIp").asText());
        assertEquals("hello all\n", Net.fetch(port));
        // a second one gets another port
        cairn.run(Net.web("all2", "-P").toArray(String[]::new)).ok();
        int second = Integer.parseInt(cairn.run("port", "all2", "80").ok().out().trim().replaceAll(".*:", ""));
        assertNotEquals(port, second);
        assertEquals("hello all2\n", Net.fetch(second));
    }

    @Test
    void aHostPortAlreadyTakenFailsTheStartClearlyAndLeavesNothing() throws Exception {
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 0));
            int port = held.getLocalPort();
            cairn.run("network", "create", "--subnet", "10.213.13.0/24", "taken").ok();
            Exec.Result run = cairn.run("run", "-d", "--name", "clash", "--network", "taken", "-p", port + ":80", "bb",
                    "sleep", "600");
            assertNotEquals(0, run.exit(), run.toString());
            assertTrue(run.err().contains("Bind for 0.0.0.0:" + port + "/tcp failed"), run.toString());
            JsonNode c = Jsons.read(cairn.run("inspect", "clash").ok().out()).get(0);
            assertFalse(c.path("State").path("Running").asBoolean(), c.toString());
            assertEquals("", c.path("NetworkSettings").path("SandboxKey").asText(), "an allocation is held");
            assertEquals(List.of(), Net.netnsFiles(cairn));
            assertEquals(List.of(), Net.rulesMentioning("10.213.13."));
            assertEquals(List.of(), Net.rulesMentioning("dport " + port + " "));
            // the same port of another container is refused too, before the host is asked
            int other = Net.freePort();
            cairn.run(Net.web("first", "--network", "taken", "-p", other + ":80").toArray(String[]::new)).ok();
            Exec.Result twice = cairn.run("run", "-d", "--network", "taken", "-p", other + ":80", "bb", "sleep", "600");
            assertNotEquals(0, twice.exit(), twice.toString());
            assertTrue(twice.err().contains("Bind for 0.0.0.0:" + other + " failed: port is already allocated"), twice.toString());
        }
    }

    @Test
    void anInternalNetworkHasNoDefaultRoute() throws Exception {
        cairn.run("network", "create", "--internal", "--subnet", "10.213.14.0/24", "inside").ok();
        Exec.Result routes = cairn.run("run", "--rm", "--network", "inside", "bb", "cat", "/proc/net/route");
        assertEquals(0, routes.exit(), routes.toString());
        // columns: Iface Destination Gateway …; a default route has destination 00000000
        assertTrue(routes.lines().stream().skip(1).noneMatch(l -> l.trim().split("\\s+")[1].equals("00000000")),
                routes.out());
        assertTrue(routes.lines().size() > 1, "the network's own route is there: " + routes.out());
        Exec.Result ip = cairn.run("run", "--rm", "--network", "inside", "bb", "ip", "route");
        assertFalse(ip.out().contains("default"), ip.out());
        assertTrue(ip.out().contains("10.213.14.0/24"), ip.out());
        // a non-internal network has one, through its gateway
        cairn.run("network", "create", "--subnet", "10.213.15.0/24", "outside").ok();
        Exec.Result out = cairn.run("run", "--rm", "--network", "outside", "bb", "ip", "route");
        assertTrue(out.out().contains("default via 10.213.15.1"), out.out());
    }

    @Test
    void rmForceLeavesNoVethNetnsOrRule() throws Exception {
        cairn.run("network", "create", "--subnet", "10.213.16.0/24", "gone").ok();
        String bridge = Net.bridge(cairn, "gone");
        int port = Net.freePort();
        String id = cairn.run(Net.web("tmp", "--network", "gone", "-p", "127.0.0.1:" + port + ":80")
                .toArray(String[]::new)).ok().out().trim();
        assertEquals("hello tmp\n", Net.fetch(port));
        assertTrue(Net.link(bridge), "bridge " + bridge + " is up while a container runs");
        assertEquals(1, Net.netnsFiles(cairn).size());
        assertFalse(Net.rulesMentioning("10.213.16.0/24").isEmpty());
        List<String> vethsBefore = veths(bridge);
        assertEquals(1, vethsBefore.size(), vethsBefore.toString());

        cairn.run("rm", "-f", "tmp").ok();
        assertEquals(List.of(), Net.netnsFiles(cairn), "namespace file left");
        assertFalse(Net.link(vethsBefore.get(0)), "veth left: " + vethsBefore.get(0));
        assertFalse(Net.link(bridge), "the bridge of a network without containers is left");
        assertEquals(List.of(), Net.rulesMentioning("10.213.16.0/24"));
        assertEquals(List.of(), Net.rulesMentioning("dport " + port + " "));
        assertTrue(cairn.run("inspect", id).exit() != 0, "the container is gone");
    }

    @Test
    void aRunningContainerJoinsAndLeavesANetworkAtOnce() throws Exception {
        cairn.run("network", "create", "--subnet", "10.213.17.0/24", "live").ok();
        cairn.run(Net.web("lsrv").toArray(String[]::new)).ok(); // on the default bridge
        cairn.run("network", "connect", "--alias", "lw", "live", "lsrv").ok();
        JsonNode nets = Jsons.read(cairn.run("inspect", "lsrv").ok().out()).get(0).path("NetworkSettings").path("Networks");
        String ip = nets.path("live").path("IPAddress").asText();
        assertTrue(ip.startsWith("10.213.17."), nets.toString());
        assertTrue(nets.path("bridge").path("IPAddress").asText().startsWith("172."), nets.toString());
        Exec.Result byAlias = cairn.run("run", "--rm", "--network", "live", "bb", "sh", "-c", resolveAndFetch("lw"));
        assertTrue(byAlias.out().endsWith("hello lsrv\n"), byAlias.toString());

        cairn.run("network", "disconnect", "live", "lsrv").ok();
        Exec.Result gone = cairn.run("run", "--rm", "--network", "live", "bb", "sh", "-c", get(ip));
        assertFalse(gone.out().contains("hello"), "still reachable on the network it left: " + gone);
        assertTrue(Jsons.read(cairn.run("inspect", "lsrv").ok().out()).get(0).path("NetworkSettings").path("Networks")
                .path("live").isMissingNode());
        // one that publishes ports keeps its networks while it runs
        cairn.run(Net.web("lpub", "-p", "127.0.0.1:" + Net.freePort() + ":80").toArray(String[]::new)).ok();
        cairn.run("network", "connect", "live", "lpub").ok();
        Exec.Result refused = cairn.run("network", "disconnect", "live", "lpub");
        assertNotEquals(0, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("publishes ports"), refused.toString());
        cairn.run("rm", "-f", "lsrv", "lpub").ok();
        assertEquals(List.of(), Net.rulesMentioning("10.213.17."));
    }

    @Test
    void buildRunStepsUseTheDefaultBridgeOnlyWhenAsked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path context)
            throws Exception {
        java.nio.file.Files.writeString(context.resolve("Dockerfile"), "FROM bb\n"
                + "RUN ip route > /bridge-routes\n"
                + "RUN --network=none ip route > /none-routes\n");
        cairn.run("build", "--network", "bridge", "-t", "netbuild", context.toString()).ok();
        Exec.Result bridged = cairn.run("run", "--rm", "netbuild", "cat", "/bridge-routes", "/none-routes");
        assertEquals(0, bridged.exit(), bridged.toString());
        assertTrue(bridged.out().startsWith("default via 172."), "RUN on the bridge has a default route: " + bridged.out());
        assertEquals(1, bridged.out().split("default via").length - 1, "RUN --network=none has none: " + bridged.out());

        java.nio.file.Files.writeString(context.resolve("Dockerfile"), "FROM bb\nRUN ip route > /default-routes\n");
        cairn.run("build", "-t", "netbuild2", context.toString()).ok();
        assertEquals("", cairn.run("run", "--rm", "netbuild2", "cat", "/default-routes").ok().out(),
                "a build's RUN has no network unless asked");
        Exec.Result bad = cairn.run("build", "--network", "app", context.toString());
        assertEquals(125, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("use none, bridge or host"), bad.toString());
        cairn.run("rmi", "netbuild", "netbuild2").ok();
    }

    /** A shell loop that resolves {@code name} with nslookup (retrying while aardvark-dns starts) and fetches its page. */
    private static String resolveAndFetch(String name) {
        return "for i in $(seq 50); do ip=$(nslookup " + name + " 2>/dev/null | awk '/^Address/ && !/#53|:53/ {a=$2} END {print a}');"
                + " [ -n \"$ip\" ] && " + get("$ip") + " && exit 0; sleep 0.2; done; exit 1";
    }

    /** An HTTP GET of {@code /} on port 80 of {@code ip} with busybox nc: the response on stdout. */
    private static String get(String ip) {
        return "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 " + ip + " 80";
    }

    /** The host ends of veth pairs enslaved to {@code bridge}. */
    private static List<String> veths(String bridge) throws Exception {
        java.nio.file.Path brif = java.nio.file.Path.of("/sys/class/net", bridge, "brif");
        if (!java.nio.file.Files.isDirectory(brif)) {
            return List.of();
        }
        try (var s = java.nio.file.Files.list(brif)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }
}
