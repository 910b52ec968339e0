package io.cairn.engine.network;

import io.cairn.api.ConflictException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.Filters;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.ContainerConfig;
import io.cairn.engine.event.Endpoint;
import io.cairn.engine.event.EndpointsAllocated;
import io.cairn.engine.event.EndpointsReleased;
import io.cairn.engine.event.NetworkConnected;
import io.cairn.engine.event.NetworkCreated;
import io.cairn.engine.event.NetworkDisconnected;
import io.cairn.engine.event.PortBinding;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Docker's networks: the predefined {@code bridge}, user-defined bridge networks, and what a
 * container's run needs of them. Decisions go through the pipeline ({@link NetworkDecisions}); the
 * host side (namespace, netavark, host files) is done after them and undone by {@link #release},
 * which is idempotent because recovery may run it again.
 */
public final class NetworkService {

    public static final Set<String> LIST_FILTERS = Set.of("name", "id", "label", "driver", "type");
    private static final Logger LOG = Logger.getLogger(NetworkService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pipeline pipeline;
    private final StateReader state;
    private final NetnsFiles netns;
    private final Netavark netavark;
    /** Whether the predefined {@code bridge} exists on this daemon ({@code daemon --bridge none}: it does not). */
    private volatile boolean defaultBridge = true;

    public NetworkService(Pipeline pipeline, StateReader state, Path netnsDir, Netavark netavark) {
        this.pipeline = pipeline;
        this.state = state;
        this.netns = new NetnsFiles(netnsDir);
        this.netavark = netavark;
    }

    // ---- networks

    /**
     * {@code daemon --bridge none} ({@code dockerd -b none}): no predefined {@code bridge}, and
     * {@code --network default} means {@code none}. Set once, before the API serves.
     */
    public void disableDefaultBridge() {
        defaultBridge = false;
    }

    /** Whether this daemon has the predefined {@code bridge} network. */
    public boolean defaultBridge() {
        return defaultBridge;
    }

    /** The mode a container's network mode means on this daemon: {@code default} is {@code none} without a default bridge. */
    public String effective(String mode) {
        return !defaultBridge && mode.equals("default") ? "none" : mode;
    }

    /** The predefined {@code bridge} network, created (journaled) on first use. */
    public NetworkRecord ensureDefault(int uid) {
        if (!defaultBridge) {
            throw new io.cairn.api.NotFoundException("network bridge not found: the daemon runs with --bridge none"
                    + " (no default bridge); use --network none or a network of `network create`");
        }
        for (NetworkRecord n : NetworkDecisions.all(state)) {
            if (n.predefined()) {
                return n;
            }
        }
        return pipeline.execute(s -> {
            for (NetworkRecord n : NetworkDecisions.all(s)) {
                if (n.predefined()) {
                    return Decision.of(n);
                }
            }
            List<Cidr> routes = HostRoute.nets(foreignRoutes(s));
            Cidr subnet = NetworkDecisions.freeSubnet(s, routes, "");
            String id = newId();
            // named by its ID, not docker0's fixed name: daemons on other roots have default bridges too
            return NetworkDecisions.create(s, new NetworkCreated(id, NetworkRecord.DEFAULT, "bridge",
                    "cairn" + id.substring(0, 8), subnet.toString(), Cidr.format(subnet.firstHost()), subnet.toString(),
                    false, false, Map.of()), routes);
        }, uid);
    }

    /** {@code network create}: the request checked, the subnet chosen if not given, the network journaled. */
    public NetworkRecord create(String name, String driver, String subnet, String gateway, String ipRange,
                                boolean internal, Map<String, String> labels, int uid) {
        if (name == null || !name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*") || name.length() > 128) {
            throw new InvalidArgumentException("invalid network name \"" + name + "\": letters, digits, '_', '.', '-'");
        }
        if (Set.of("bridge", "host", "none", "default").contains(name) || name.startsWith("container:")) {
            throw new ConflictException("network " + name + " is a pre-defined network and cannot be created");
        }
        String d = driver == null || driver.isEmpty() ? "bridge" : driver;
        if (!d.equals("bridge")) {
            throw new InvalidArgumentException("network driver \"" + d + "\" is not supported: Cairn offers bridge");
        }
        if ((gateway != null && !gateway.isEmpty() || ipRange != null && !ipRange.isEmpty())
                && (subnet == null || subnet.isEmpty())) {
            throw new InvalidArgumentException("--gateway and --ip-range need --subnet");
        }
        String id = newId();
        return pipeline.execute(s -> {
            List<Cidr> routes = HostRoute.nets(foreignRoutes(s));
            Cidr net = subnet == null || subnet.isEmpty() ? NetworkDecisions.freeSubnet(s, routes, "") : Cidr.parse(subnet);
            long gw = gateway == null || gateway.isEmpty() ? net.firstHost() : Cidr.address(gateway);
            if (!net.contains(gw) || gw == net.base() || gw == net.last()) {
                throw new InvalidArgumentException("invalid gateway " + Cidr.format(gw) + ": not a host address of " + net);
            }
            Cidr range = ipRange == null || ipRange.isEmpty() ? net : Cidr.parse(ipRange);
            if (!net.contains(range)) {
                throw new InvalidArgumentException("invalid --ip-range " + range + ": not inside the subnet " + net);
            }
            for (Cidr r : routes) {
                if (r.overlaps(net) && subnet != null && !subnet.isEmpty()) {
                    throw new ConflictException("subnet " + net + " overlaps a route of the host (" + r + ")");
                }
            }
            return NetworkDecisions.create(s, new NetworkCreated(id, name, d, "cr-" + id.substring(0, 12), net.toString(),
                    Cidr.format(gw), range.toString(), internal, true, labels), routes);
        }, uid);
    }

    /**
     * A network by name, ID or unique ID prefix: a created one, or Docker's predefined {@code host}
     * and {@code none} ({@link BuiltinNetworks}: listed and inspected, never connected or removed).
     */
    public NetworkRecord inspect(String ref) {
        try {
            return NetworkDecisions.resolve(state, ref);
        } catch (io.cairn.api.NotFoundException e) {
            return BuiltinNetworks.find(ref).orElseThrow(() -> e);
        }
    }

    /** The network with exactly this full ID, created or builtin, if it exists. */
    public Optional<NetworkRecord> find(String id) {
        NetworkRecord n = state.read(Families.NETWORKS, id, NetworkRecord.class);
        return n != null ? Optional.of(n) : BuiltinNetworks.ALL.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** {@code network ls}, by name. */
    public List<NetworkRecord> list(Filters filters) {
        filters.check(LIST_FILTERS);
        List<NetworkRecord> out = new ArrayList<>();
        List<NetworkRecord> all = new ArrayList<>(NetworkDecisions.all(state));
        all.addAll(BuiltinNetworks.ALL);
        for (NetworkRecord n : all) {
            boolean builtin = n.predefined() || BuiltinNetworks.is(n);
            if (filters.anyOrAbsent("name", n.name()::contains) && filters.anyOrAbsent("id", n.id()::startsWith)
                    && filters.anyOrAbsent("driver", n.driver()::equals) && filters.labelsMatch("label", n.labels())
                    && filters.anyOrAbsent("type", t -> t.equals(builtin ? "builtin" : "custom"))) {
                out.add(n);
            }
        }
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return out;
    }

    public void remove(String ref, int uid) {
        NetworkRecord n = inspect(ref);
        if (n.predefined() || BuiltinNetworks.is(n)) {
            throw new ConflictException(n.name() + " is a pre-defined network and cannot be removed");
        }
        pipeline.execute(s -> NetworkDecisions.remove(s, n.id()), uid);
    }

    /** {@code network prune}: every user network no container is connected to; their names. */
    public List<String> prune(Filters filters, int uid) {
        filters.check(Set.of("label"));
        List<String> removed = new ArrayList<>();
        for (NetworkRecord n : NetworkDecisions.all(state)) {
            if (!n.predefined() && filters.labelsMatch("label", n.labels())
                    && NetworkDecisions.connected(state, n.id()).isEmpty()) {
                try {
                    pipeline.execute(s -> NetworkDecisions.remove(s, n.id()), uid);
                    removed.add(n.name());
                } catch (ConflictException raced) {
                    // a container connected meanwhile
                }
            }
        }
        return removed;
    }

    /** Containers connected to a network, with their current allocation if running. */
    public List<ConnectionRecord> connected(String networkId) {
        List<ConnectionRecord> out = new ArrayList<>();
        for (String c : NetworkDecisions.connected(state, networkId)) {
            ConnectionRecord r = state.read(Families.NETCONNECT, c + "/" + networkId, ConnectionRecord.class);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    // ---- containers

    /**
     * The network events of a container's create, decided with it: a connection to the network its
     * mode names ({@code bridge}, {@code default} or a user network); none for {@code none},
     * {@code host} and {@code container:X}.
     */
    public static List<io.cairn.engine.event.Event> connectAtCreate(StateReader s, String containerId, String mode,
                                                                    String ip, List<String> aliases) {
        if (isSpecial(mode)) {
            if ((ip != null && !ip.isEmpty()) || (aliases != null && !aliases.isEmpty())) {
                throw new InvalidArgumentException("--ip and --network-alias need a bridge network, not --network " + mode);
            }
            return List.of();
        }
        NetworkRecord n = NetworkDecisions.resolve(s, mode);
        return List.of(NetworkDecisions.connect(s, n.id(), containerId, ip, aliases));
    }

    /** Whether a mode names no network of Cairn's: {@code none}, {@code host}, {@code container:X}. */
    public static boolean isSpecial(String mode) {
        return mode.equals("none") || mode.equals("host") || mode.startsWith("container:");
    }

    /** Checks a network mode at create; {@code default} and {@code bridge} make sure the default network exists. */
    public void checkMode(String mode, int uid) {
        if (effective(mode).equals("none")) {
            return;
        }
        if (mode.equals("default") || mode.equals("bridge")) {
            ensureDefault(uid);
        } else if (!isSpecial(mode)) {
            inspect(mode);
        }
    }

    /**
     * {@code network connect}. A stopped container joins at its next start. A running one on a
     * bridge network joins now: the connection and its grown allocation are one decision, then
     * netavark sets up just that network in the container's namespace (no port forwarding on it:
     * ports are published at start); a failed set-up journals the undo.
     */
    public void connect(String networkRef, String containerId, boolean running, String ip, List<String> aliases, int uid)
            throws IOException {
        NetworkRecord n = inspect(networkRef);
        BuiltinNetworks.refuseMembership(n);
        if (!running) {
            pipeline.execute(s -> Decision.of(null, NetworkDecisions.connect(s, n.id(), containerId, ip, aliases)), uid);
            return;
        }
        EndpointsAllocated before = state.read(Families.ENDPOINTS, containerId, EndpointsAllocated.class);
        if (before == null) {
            throw new ConflictException("container " + containerId.substring(0, 12) + " is running without a bridge"
                    + " network (--network none, host or container:): it joins networks only while stopped");
        }
        checkBridge(n, uid);
        EndpointsAllocated after = pipeline.execute(s -> {
            EndpointsAllocated cur = s.read(Families.ENDPOINTS, containerId, EndpointsAllocated.class);
            if (cur == null) {
                throw new ConflictException("container " + containerId.substring(0, 12) + " stopped meanwhile");
            }
            NetworkConnected c = NetworkDecisions.connect(s, n.id(), containerId, ip, aliases);
            Endpoint added = NetworkDecisions.endpoint(s, n, new ConnectionRecord(containerId, n.id(),
                    c.ip() == null ? "" : c.ip(), c.aliases()), containerId, cur.containerName(), freeInterface(cur));
            List<Endpoint> endpoints = new ArrayList<>(cur.endpoints());
            endpoints.add(added);
            EndpointsAllocated next = new EndpointsAllocated(containerId, cur.containerName(), cur.netns(), endpoints,
                    cur.ports());
            return Decision.of(next, c, new EndpointsReleased(containerId), next);
        }, uid);
        Endpoint added = after.endpoints().get(after.endpoints().size() - 1);
        try {
            netavark.setup(Path.of(after.netns()), new Netavark.Attachment(containerId, after.containerName(),
                    List.of(added), NetworkDecisions.byId(state, List.of(added)), List.of()));
        } catch (IOException | RuntimeException e) {
            pipeline.execute(s -> Decision.of(null, new NetworkDisconnected(n.id(), containerId),
                    new EndpointsReleased(containerId), without(after, n.id())), uid);
            throw e;
        }
    }

    /**
     * {@code network disconnect}: of a stopped container, the connection; of a running one, netavark
     * tears down just that network in its namespace, then the connection and the address go.
     * A running container that publishes ports keeps its networks (its forwarding was set up for all
     * of them at start).
     */
    public void disconnect(String networkRef, String containerId, boolean running, int uid) throws IOException {
        NetworkRecord n = inspect(networkRef);
        BuiltinNetworks.refuseMembership(n);
        EndpointsAllocated cur = running ? state.read(Families.ENDPOINTS, containerId, EndpointsAllocated.class) : null;
        Endpoint e = cur == null ? null
                : cur.endpoints().stream().filter(x -> x.networkId().equals(n.id())).findFirst().orElse(null);
        if (e == null) {
            pipeline.execute(s -> NetworkDecisions.disconnect(s, n.id(), containerId), uid);
            return;
        }
        if (!cur.ports().isEmpty()) {
            throw new ConflictException("container " + containerId.substring(0, 12) + " is running and publishes ports:"
                    + " Cairn disconnects it from " + n.name() + " once it is stopped");
        }
        netavark.teardown(Path.of(cur.netns()), new Netavark.Attachment(containerId, cur.containerName(), List.of(e),
                NetworkDecisions.byId(state, List.of(e)), List.of()));
        pipeline.execute(s -> {
            Decision<Void> d = NetworkDecisions.disconnect(s, n.id(), containerId);
            EndpointsAllocated now = s.read(Families.ENDPOINTS, containerId, EndpointsAllocated.class);
            if (now == null) {
                return d;
            }
            return Decision.of(null, d.events().get(0), new EndpointsReleased(containerId), without(now, n.id()));
        }, uid);
    }

    private static EndpointsAllocated without(EndpointsAllocated a, String networkId) {
        return new EndpointsAllocated(a.containerId(), a.containerName(), a.netns(),
                a.endpoints().stream().filter(x -> !x.networkId().equals(networkId)).toList(), a.ports());
    }

    /** The first {@code ethN} no endpoint of {@code a} uses. */
    private static String freeInterface(EndpointsAllocated a) {
        for (int i = 0; ; i++) {
            String name = "eth" + i;
            if (a.endpoints().stream().noneMatch(e -> e.interfaceName().equals(name))) {
                return name;
            }
        }
    }

    /** The events that drop every connection of a removed container. */
    public static List<io.cairn.engine.event.Event> disconnectAll(StateReader s, String containerId) {
        List<io.cairn.engine.event.Event> out = new ArrayList<>();
        for (ConnectionRecord c : NetworkDecisions.connections(s, containerId)) {
            out.add(new NetworkDisconnected(c.networkId(), containerId));
        }
        return out;
    }

    /** A running container's allocation, empty when it holds none. */
    public Optional<EndpointsAllocated> allocation(String containerId) {
        return Optional.ofNullable(state.read(Families.ENDPOINTS, containerId, EndpointsAllocated.class));
    }

    /** The networks a container is connected to, by name. */
    public List<NetworkRecord> networksOf(String containerId) {
        List<NetworkRecord> out = new ArrayList<>();
        for (ConnectionRecord c : NetworkDecisions.connections(state, containerId)) {
            NetworkRecord n = state.read(Families.NETWORKS, c.networkId(), NetworkRecord.class);
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Sets up the network of a starting container: for a bridge mode, addresses and host ports
     * are allocated (journaled), a namespace is made and netavark configures it; the host files are
     * written into {@code dir}. On failure everything done is undone before the exception leaves.
     *
     * @param otherNetns for {@code container:X}, the namespace of X ({@code /proc/PID/ns/net}) and X's directory
     */
    public RunNetwork attach(String containerId, String containerName, ContainerConfig config, Path dir,
                             Optional<Path[]> otherNetns, int uid) throws IOException {
        String mode = effective(config.network());
        if (mode.equals("none")) {
            List<Path> files = HostFiles.write(dir, content(config, "", List.of(), false));
            return new RunNetwork(RunNetwork.Mode.NONE, null, files);
        }
        if (mode.equals("host")) {
            List<Path> files = HostFiles.write(dir, content(config, "", List.of(), true));
            return new RunNetwork(RunNetwork.Mode.HOST, null, files);
        }
        if (mode.startsWith("container:")) {
            Path[] other = otherNetns.orElseThrow(() -> new ConflictException("cannot join the network of "
                    + mode.substring(10) + ": it is not running"));
            Path od = other[1];
            return new RunNetwork(RunNetwork.Mode.PATH, other[0],
                    List.of(od.resolve("hosts"), od.resolve("hostname"), od.resolve("resolv.conf")));
        }
        List<PortBinding> asked = new ArrayList<>(config.net().ports());
        if (config.net().publishAll()) {
            for (String e : config.net().exposed()) {
                String[] pp = e.split("/");
                int port = Integer.parseInt(pp[0]);
                String proto = pp.length > 1 ? pp[1] : "tcp";
                if (asked.stream().noneMatch(p -> p.containerPort() == port && p.protocol().equals(proto))) {
                    asked.add(new PortBinding("", 0, port, proto));
                }
            }
        }
        checkBridges(containerId, uid);
        Path ns = netns.path(containerId);
        EndpointsAllocated a = allocate(containerId, containerName, ns, asked, NetworkService::portFree, uid);
        try {
            netns.create(containerId);
            netavark.setup(ns, attachment(a));
            Endpoint first = a.endpoints().isEmpty() ? null : a.endpoints().get(0);
            List<String> gatewayDns = new ArrayList<>();
            for (Endpoint e : a.endpoints()) {
                NetworkRecord n = state.read(Families.NETWORKS, e.networkId(), NetworkRecord.class);
                if (n != null && n.dns() && !n.internal()) {
                    gatewayDns.add(e.gateway());
                }
            }
            HostFiles.Content c = content(config, first == null ? "" : first.ip(), gatewayDns, false);
            return new RunNetwork(RunNetwork.Mode.PATH, ns, HostFiles.write(dir, c));
        } catch (IOException | RuntimeException e) {
            release(containerId, uid);
            throw e;
        }
    }

    /**
     * Before a network's bridge is made: its subnet must not be another interface's (another
     * daemon's bridge, a VPN). The default bridge then moves to the next free subnet, as Docker
     * picks docker0's at each start, if no container holds an address on it; a user network fails.
     */
    private void checkBridges(String containerId, int uid) {
        for (ConnectionRecord c : NetworkDecisions.connections(state, containerId)) {
            NetworkRecord n = state.read(Families.NETWORKS, c.networkId(), NetworkRecord.class);
            if (n != null) {
                checkBridge(n, uid);
            }
        }
    }

    private void checkBridge(NetworkRecord n, int uid) {
        if (Files.exists(Path.of("/sys/class/net", n.bridge()))) {
            return;
        }
        Optional<HostRoute> clash = HostRoute.overlapping(foreignRoutes(state), Cidr.parse(n.subnet()));
        if (clash.isEmpty()) {
            return;
        }
        if (!n.predefined()) {
            throw new ConflictException("network " + n.name() + ": its subnet " + n.subnet() + " is in use by the"
                    + " host interface " + clash.get().iface() + " (" + clash.get().net() + "; another daemon's bridge?)");
        }
        pipeline.execute(s -> readdress(s, n.id()), uid);
    }

    private Decision<Void> readdress(StateReader s, String id) {
        NetworkRecord n = s.read(Families.NETWORKS, id, NetworkRecord.class);
        boolean[] held = {false};
        s.scan(Families.NETALLOC, "ip/" + id + "/", (k, v) -> {
            held[0] = true;
            return false;
        });
        List<HostRoute> routes = foreignRoutes(s);
        Optional<HostRoute> clash = HostRoute.overlapping(routes, Cidr.parse(n.subnet()));
        if (clash.isEmpty()) {
            return Decision.of(null);
        }
        if (held[0]) {
            throw new ConflictException("the default bridge's subnet " + n.subnet() + " is in use by the host interface "
                    + clash.get().iface() + " while containers hold addresses on it");
        }
        Cidr subnet = NetworkDecisions.freeSubnet(s, HostRoute.nets(routes), id);
        LOG.info("the default bridge's subnet " + n.subnet() + " is " + clash.get().iface() + "'s: moved to " + subnet);
        return Decision.of(null, new NetworkCreated(id, n.name(), n.driver(), n.bridge(), subnet.toString(),
                Cidr.format(subnet.firstHost()), subnet.toString(), n.internal(), n.dns(), n.labels()));
    }

    /** The journaled allocation of a container's addresses on its networks and of its host ports. */
    EndpointsAllocated allocate(String containerId, String containerName, Path ns, List<PortBinding> asked,
                                NetworkDecisions.PortProbe probe, int uid) {
        return pipeline.execute(s -> NetworkDecisions.allocate(s, containerId, containerName, ns.toString(),
                NetworkDecisions.connections(s, containerId), asked, probe), uid);
    }

    private HostFiles.Content content(ContainerConfig config, String ip, List<String> dnsServers, boolean host) {
        List<String> extra = new ArrayList<>();
        for (String h : config.net().extraHosts()) {
            if (h.endsWith(":host-gateway")) {
                extra.add(h.substring(0, h.length() - "host-gateway".length()) + hostGateway());
            } else {
                extra.add(h);
            }
        }
        List<String> servers = config.net().dns().isEmpty() ? dnsServers : config.net().dns();
        return new HostFiles.Content(config.hostname(), ip, extra, servers, config.net().dnsSearch(),
                config.net().dnsOptions(), host);
    }

    /** {@code host-gateway}: the default bridge's gateway, the host as containers reach it (Docker's rule). */
    private String hostGateway() {
        for (NetworkRecord n : NetworkDecisions.all(state)) {
            if (n.predefined()) {
                return n.gateway();
            }
        }
        return "127.0.0.1";
    }

    private Netavark.Attachment attachment(EndpointsAllocated a) {
        return new Netavark.Attachment(a.containerId(), a.containerName(), a.endpoints(),
                NetworkDecisions.byId(state, a.endpoints()), a.ports());
    }

    /**
     * Undoes a run's network: netavark's tear-down (bridge, veth, rules, DNS entry), the namespace,
     * then the journaled release of addresses and ports. Idempotent; never throws (it logs).
     */
    public void release(String containerId, int uid) {
        EndpointsAllocated a = state.read(Families.ENDPOINTS, containerId, EndpointsAllocated.class);
        try {
            if (a != null && NetnsFiles.mounted(netns.path(containerId))) {
                netavark.teardown(netns.path(containerId), attachment(a));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("netavark teardown of " + containerId + ": " + e.getMessage());
        }
        try {
            netns.remove(containerId);
        } catch (IOException e) {
            LOG.warning("cannot remove the network namespace of " + containerId + ": " + e.getMessage());
        }
        if (a != null) {
            pipeline.execute(s -> s.get(Families.ENDPOINTS, containerId) == null ? Decision.of(null)
                    : Decision.of(null, new EndpointsReleased(containerId)), uid);
        }
    }

    // ---- recovery and checks

    /**
     * After a restart: a container holding an allocation that does not run (it died while the
     * daemon was down) loses it; namespace files nobody holds are removed.
     */
    public List<String> reconcile(Predicate<String> running) {
        List<String> changes = new ArrayList<>();
        List<String> holders = new ArrayList<>();
        state.scan(Families.ENDPOINTS, "", (k, v) -> holders.add(k));
        for (String id : holders) {
            if (!running.test(id)) {
                release(id, 0);
                changes.add("container " + id + " no longer runs: released its addresses, ports and network namespace");
            }
        }
        try {
            for (String id : netns.present()) {
                if (state.get(Families.ENDPOINTS, id) == null) {
                    netns.remove(id);
                    changes.add("removed the unheld network namespace " + netns.path(id));
                }
            }
        } catch (IOException e) {
            LOG.warning("netns reconcile: " + e.getMessage());
        }
        return changes;
    }

    /** Problems between the index and the host: namespaces, bridges, NAT rules. */
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        List<EndpointsAllocated> all = new ArrayList<>();
        all.addAll(state.list(Families.ENDPOINTS, "", EndpointsAllocated.class));
        String rules = iptablesRules();
        for (EndpointsAllocated a : all) {
            try {
                if (!NetnsFiles.mounted(Path.of(a.netns()))) {
                    problems.add("container " + a.containerId() + ": network namespace " + a.netns() + " is not mounted");
                }
            } catch (IOException e) {
                problems.add("cannot read the mount table: " + e.getMessage());
            }
            for (Endpoint e : a.endpoints()) {
                NetworkRecord n = state.read(Families.NETWORKS, e.networkId(), NetworkRecord.class);
                if (n == null) {
                    problems.add("container " + a.containerId() + ": holds an address on the unknown network " + e.networkId());
                } else if (!Files.exists(Path.of("/sys/class/net", n.bridge()))) {
                    problems.add("network " + n.name() + ": bridge " + n.bridge() + " is missing while container "
                            + a.containerId() + " holds " + e.ip());
                }
            }
            for (PortBinding p : a.ports()) {
                if (rules != null && !rules.contains("--dport " + p.hostPort() + " ")) {
                    problems.add("container " + a.containerId() + ": no NAT rule forwards host port " + p.hostPort() + "/" + p.protocol());
                }
            }
        }
        try {
            for (String id : netns.present()) {
                if (state.get(Families.ENDPOINTS, id) == null) {
                    problems.add("network namespace " + netns.path(id) + " is held by no container");
                }
            }
        } catch (IOException e) {
            problems.add("cannot list network namespaces: " + e.getMessage());
        }
        return problems;
    }

    private static String iptablesRules() {
        try {
            Process p = new ProcessBuilder("iptables-save", "-t", "nat").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // ---- host facts

    /** Whether nothing on the host holds {@code hostIp:port}: a bind there succeeds. */
    static boolean portFree(String hostIp, int port, String protocol) {
        try {
            InetAddress addr = InetAddress.getByName(hostIp.isEmpty() ? "0.0.0.0" : hostIp);
            if (protocol.equals("udp")) {
                try (DatagramSocket d = new DatagramSocket(new InetSocketAddress(addr, port))) {
                    return true;
                }
            }
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true);
                s.bind(new InetSocketAddress(addr, port));
                return true;
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** The host's routes but those of this daemon's own bridges (its networks are checked as networks). */
    private static List<HostRoute> foreignRoutes(StateReader s) {
        Set<String> own = new java.util.HashSet<>();
        NetworkDecisions.all(s).forEach(n -> own.add(n.bridge()));
        List<HostRoute> out = new ArrayList<>();
        for (HostRoute r : HostRoute.read(Path.of("/proc/net/route"))) {
            if (!own.contains(r.iface())) {
                out.add(r);
            }
        }
        return out;
    }

    private static String newId() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
