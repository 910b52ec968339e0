package io.cairn.engine.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.AlreadyExistsException;
import io.cairn.api.ConflictException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.Engine;
import io.cairn.engine.FakeRuntime;
import io.cairn.engine.TestEngines;
import io.cairn.engine.event.Endpoint;
import io.cairn.engine.event.EndpointsAllocated;
import io.cairn.engine.event.PortBinding;
import io.cairn.api.RebuildReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Allocation decisions against a real journal and index (no netavark: the decisions alone): an
 * address or host port is never given twice, a release frees them, a full range is a clear error,
 * and a replay of the journal rebuilds exactly the allocations the live index holds.
 */
class NetworkAllocationTest {

    @TempDir
    Path root;

    private final TestEngines.MemoryLocation index = new TestEngines.MemoryLocation();

    /** The host as a set of ports some process holds. */
    private static NetworkDecisions.PortProbe hostHolding(Set<Integer> held) {
        return (ip, port, proto) -> !held.contains(port);
    }

    private static final NetworkDecisions.PortProbe ALL_FREE = (ip, port, proto) -> true;

    private Engine open() {
        return TestEngines.open(root, index, new FakeRuntime());
    }

    private static String id(int n) {
        return String.format("%064x", n);
    }

    private static EndpointsAllocated allocate(NetworkService net, String container, List<PortBinding> ports,
                                               NetworkDecisions.PortProbe probe) {
        return net.allocate(container, "c" + container.substring(60), Path.of("/nonexistent/netns", container), ports,
                probe, 0);
    }

    @Test
    void addressesAndPortsAreNeverGivenTwiceAndAReleaseFreesThem() throws Exception {
        try (Engine engine = open()) {
            NetworkService net = engine.networks();
            net.create("app", "bridge", "10.213.90.0/29", "", "", false, Map.of(), 0);
            Set<String> ips = new HashSet<>();
            for (int c = 1; c <= 5; c++) { // a /29 has 6 hosts, one of them the gateway
                net.connect("app", id(c), false, "", List.of(), 0);
                EndpointsAllocated a = allocate(net, id(c), List.of(new PortBinding("", 0, 80, "tcp")), ALL_FREE);
                Endpoint e = a.endpoints().get(0);
                assertTrue(ips.add(e.ip()), "address given twice: " + e.ip());
                assertNotEquals("10.213.90.1", e.ip(), "the gateway is not a container's");
                assertEquals(29, e.prefixLen());
                assertTrue(a.ports().get(0).hostPort() >= NetworkDecisions.EPHEMERAL_FIRST);
            }
            net.connect("app", id(6), false, "", List.of(), 0);
            ConflictException full = assertThrows(ConflictException.class, () -> allocate(net, id(6), List.of(), ALL_FREE));
            assertEquals("no available IPv4 addresses on network app (10.213.90.0/29)", full.getMessage());

            String freed = net.allocation(id(3)).orElseThrow().endpoints().get(0).ip();
            net.release(id(3), 0);
            assertTrue(net.allocation(id(3)).isEmpty());
            assertEquals(freed, allocate(net, id(6), List.of(), ALL_FREE).endpoints().get(0).ip());
        }
    }

    @Test
    void aHostPortHeldByAContainerOrAHostProcessIsRefused() throws Exception {
        try (Engine engine = open()) {
            NetworkService net = engine.networks();
            net.create("app", "bridge", "10.213.91.0/24", "", "", false, Map.of(), 0);
            net.connect("app", id(1), false, "", List.of(), 0);
            net.connect("app", id(2), false, "", List.of(), 0);
            allocate(net, id(1), List.of(new PortBinding("", 18080, 80, "tcp")), ALL_FREE);
            ConflictException taken = assertThrows(ConflictException.class,
                    () -> allocate(net, id(2), List.of(new PortBinding("127.0.0.1", 18080, 80, "tcp")), ALL_FREE));
            assertEquals("Bind for 127.0.0.1:18080 failed: port is already allocated", taken.getMessage());
            ConflictException host = assertThrows(ConflictException.class,
                    () -> allocate(net, id(2), List.of(new PortBinding("", 18081, 80, "tcp")), hostHolding(Set.of(18081))));
            assertTrue(host.getMessage().startsWith("Bind for 0.0.0.0:18081/tcp failed"), host.getMessage());
            assertTrue(net.allocation(id(2)).isEmpty(), "a refused allocation holds nothing");
            // the same port number over udp is another port
            assertEquals(18080, allocate(net, id(2), List.of(new PortBinding("", 18080, 53, "udp")), ALL_FREE)
                    .ports().get(0).hostPort());
        }
    }

    @Test
    void ephemeralPortsSkipWhatTheHostAndOtherContainersHoldAndDifferWithinARun() throws Exception {
        try (Engine engine = open()) {
            NetworkService net = engine.networks();
            net.create("app", "bridge", "10.213.92.0/24", "", "", false, Map.of(), 0);
            net.connect("app", id(1), false, "", List.of(), 0);
            // the host holds every ephemeral port but three
            Set<Integer> held = new HashSet<>();
            for (int p = NetworkDecisions.EPHEMERAL_FIRST; p <= NetworkDecisions.EPHEMERAL_LAST; p++) {
                held.add(p);
            }
            held.removeAll(Set.of(40000, 40001, 40002));
            EndpointsAllocated a = allocate(net, id(1), List.of(new PortBinding("", 0, 80, "tcp"),
                    new PortBinding("", 0, 81, "tcp"), new PortBinding("", 0, 82, "tcp")), hostHolding(held));
            assertEquals(Set.of(40000, 40001, 40002), Set.copyOf(a.ports().stream().map(PortBinding::hostPort).toList()));
            net.connect("app", id(2), false, "", List.of(), 0);
            ConflictException none = assertThrows(ConflictException.class,
                    () -> allocate(net, id(2), List.of(new PortBinding("", 0, 80, "tcp")), hostHolding(held)));
            assertEquals("no free host port for 80/tcp", none.getMessage());
        }
    }

    @Test
    void askedAddressesAreCheckedAgainstTheRangeAndEarlierHolders() throws Exception {
        try (Engine engine = open()) {
            NetworkService net = engine.networks();
            net.create("app", "bridge", "10.213.93.0/24", "10.213.93.254", "10.213.93.128/25", false, Map.of(), 0);
            assertThrows(InvalidArgumentException.class, () -> net.connect("app", id(9), false, "10.213.93.5", List.of(), 0));
            assertThrows(InvalidArgumentException.class, () -> net.connect("app", id(9), false, "10.213.93.254", List.of(), 0));
            net.connect("app", id(1), false, "10.213.93.200", List.of("db"), 0);
            net.connect("app", id(2), false, "10.213.93.200", List.of(), 0);
            Endpoint first = allocate(net, id(1), List.of(), ALL_FREE).endpoints().get(0);
            assertEquals("10.213.93.200", first.ip());
            assertEquals("02:42:0a:d5:5d:c8", first.mac());
            assertEquals(List.of(id(1).substring(0, 12), "db"), first.aliases());
            ConflictException used = assertThrows(ConflictException.class, () -> allocate(net, id(2), List.of(), ALL_FREE));
            assertEquals("Address already in use: 10.213.93.200 on network app", used.getMessage());
            net.connect("app", id(3), false, "", List.of(), 0);
            assertEquals("10.213.93.129", allocate(net, id(3), List.of(), ALL_FREE).endpoints().get(0).ip(),
                    "the first free address of the --ip-range");
        }
    }

    @Test
    void networksDoNotShareNamesOrSubnetsAndInUseOnesStay() throws Exception {
        try (Engine engine = open()) {
            NetworkService net = engine.networks();
            NetworkRecord app = net.create("app", "", "10.213.94.0/24", "", "", false, Map.of("k", "v"), 0);
            assertEquals("10.213.94.1", app.gateway());
            assertTrue(app.bridge().startsWith("cr-"));
            assertThrows(AlreadyExistsException.class, () -> net.create("app", "", "10.213.95.0/24", "", "", false, Map.of(), 0));
            assertThrows(ConflictException.class, () -> net.create("other", "", "10.213.94.128/25", "", "", false, Map.of(), 0));
            assertThrows(ConflictException.class, () -> net.create("bridge", "", "", "", "", false, Map.of(), 0));
            assertThrows(InvalidArgumentException.class, () -> net.create("x", "macvlan", "", "", "", false, Map.of(), 0));
            assertThrows(InvalidArgumentException.class, () -> net.create("../x", "", "", "", "", false, Map.of(), 0));
            net.connect("app", id(1), false, "", List.of(), 0);
            assertThrows(ConflictException.class, () -> net.remove("app", 0));
            assertThrows(ConflictException.class, () -> net.connect("app", id(2), true, "", List.of(), 0));
            net.disconnect("app", id(1), false, 0);
            net.remove("app", 0);
            assertThrows(NotFoundException.class, () -> net.inspect("app"));
        }
    }

    @Test
    void aLiveConnectWhoseSetUpFailsIsUndoneInTheJournal() throws Exception {
        try (Engine engine = open()) {
            NetworkService net = engine.networks();
            net.create("a", "", "10.213.98.0/24", "", "", false, Map.of(), 0);
            net.create("b", "", "10.213.99.0/24", "", "", false, Map.of(), 0);
            net.connect("a", id(1), false, "", List.of(), 0);
            EndpointsAllocated before = allocate(net, id(1), List.of(), ALL_FREE);
            // its namespace does not exist: netavark (or its absence) fails the set-up
            assertThrows(Exception.class, () -> net.connect("b", id(1), true, "", List.of(), 0));
            assertEquals(before.endpoints(), net.allocation(id(1)).orElseThrow().endpoints());
            assertEquals(List.of("a"), net.networksOf(id(1)).stream().map(NetworkRecord::name).toList());
            net.connect("b", id(2), false, "", List.of(), 0);
            assertEquals("10.213.99.2", allocate(net, id(2), List.of(), ALL_FREE).endpoints().get(0).ip(),
                    "the undone address is free again");
            // none/host containers hold no allocation: they join only while stopped
            ConflictException none = assertThrows(ConflictException.class, () -> net.connect("b", id(3), true, "",
                    List.of(), 0));
            assertTrue(none.getMessage().contains("joins networks only while stopped"), none.getMessage());
            RebuildReport rebuilt = engine.rebuild(false);
            assertEquals(rebuilt.before(), rebuilt.after());
        }
    }

    @Test
    void withoutADefaultBridgeDefaultMeansNoneAndBridgeIsNotFound() throws Exception {
        try (Engine engine = open()) {
            NetworkService net = engine.networks();
            net.disableDefaultBridge();
            assertEquals("none", net.effective("default"));
            assertEquals("app", net.effective("app"));
            net.checkMode("default", 0);
            NotFoundException e = assertThrows(NotFoundException.class, () -> net.checkMode("bridge", 0));
            assertTrue(e.getMessage().startsWith("network bridge not found: the daemon runs with --bridge none"));
            assertEquals(List.of("host", "none"), net.list(io.cairn.api.Filters.none()).stream().map(NetworkRecord::name).toList(),
                    "no bridge network was created; Docker's host and none are always listed");
            assertEquals("null", net.inspect("none").driver());
            assertThrows(io.cairn.api.ConflictException.class, () -> net.remove("host", 0));
            assertThrows(io.cairn.api.ConflictException.class, () -> net.connect("none", "c".repeat(64), false, "", List.of(), 0));
        }
    }

    @Test
    void theDefaultBridgeIsNamedByItsIdAndAvoidsTakenSubnets() throws Exception {
        try (Engine engine = open()) {
            NetworkService net = engine.networks();
            NetworkRecord b = net.ensureDefault(0);
            assertEquals("bridge", b.name());
            assertEquals("cairn" + b.id().substring(0, 8), b.bridge());
            assertTrue(b.subnet().matches("172\\.(1[7-9]|2\\d|3[01])\\.0\\.0/16"), b.subnet());
            assertEquals(b.id(), net.ensureDefault(0).id(), "created once");
            NetworkRecord user = net.create("app", "", "", "", "", false, Map.of(), 0);
            assertNotEquals(b.subnet(), user.subnet());
            assertFalse(Cidr.parse(b.subnet()).overlaps(Cidr.parse(user.subnet())));
        }
    }

    @Test
    void aReplayOfTheJournalRebuildsTheSameAllocations() throws Exception {
        List<EndpointsAllocated> live = new ArrayList<>();
        try (Engine engine = open()) {
            NetworkService net = engine.networks();
            net.create("a", "", "10.213.96.0/24", "", "", false, Map.of(), 0);
            net.create("b", "", "10.213.97.0/24", "", "", false, Map.of(), 0);
            for (int c = 1; c <= 4; c++) {
                net.connect("a", id(c), false, "", List.of(), 0);
                if (c % 2 == 0) {
                    net.connect("b", id(c), false, "", List.of("alias" + c), 0);
                }
                allocate(net, id(c), List.of(new PortBinding("", 0, 80, "tcp"), new PortBinding("", 20000 + c, 53, "udp")),
                        ALL_FREE);
            }
            net.release(id(2), 0);
            for (int c = 1; c <= 4; c++) {
                net.allocation(id(c)).ifPresent(live::add);
            }
            RebuildReport rebuilt = engine.rebuild(false);
            assertEquals(rebuilt.before(), rebuilt.after(), "a rebuild from the journal differs from the live index");
            // the rebuilt index (it replaced the live one) holds the same allocations
            List<EndpointsAllocated> replayed = new ArrayList<>();
            for (int c = 1; c <= 4; c++) {
                net.allocation(id(c)).ifPresent(replayed::add);
            }
            assertEquals(live, replayed);
            assertEquals(3, replayed.size());
            // and still refuses what the journal gave away
            net.connect("a", id(5), false, "", List.of(), 0);
            ConflictException taken = assertThrows(ConflictException.class,
                    () -> allocate(net, id(5), List.of(new PortBinding("", 20001, 53, "udp")), ALL_FREE));
            assertTrue(taken.getMessage().contains("20001"), taken.getMessage());
            String freshIp = allocate(net, id(5), List.of(), ALL_FREE).endpoints().get(0).ip();
            assertFalse(live.stream().flatMap(a -> a.endpoints().stream()).anyMatch(e -> e.ip().equals(freshIp)
                    && e.networkName().equals("a")), "a replayed address given again: " + freshIp);
        }
        index.wipe();
        try (Engine engine = open()) {
            // reopened on an empty index: replayed, then recovery releases what no running container holds
            assertTrue(engine.replayedAtOpen() > 0);
            for (int c = 1; c <= 5; c++) {
                assertTrue(engine.networks().allocation(id(c)).isEmpty(), "no container runs: nothing stays held");
            }
        }
    }
}
