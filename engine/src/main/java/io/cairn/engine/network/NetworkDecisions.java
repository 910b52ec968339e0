package io.cairn.engine.network;

import io.cairn.api.AlreadyExistsException;
import io.cairn.api.ConflictException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.event.Endpoint;
import io.cairn.engine.event.EndpointsAllocated;
import io.cairn.engine.event.NetworkConnected;
import io.cairn.engine.event.NetworkCreated;
import io.cairn.engine.event.NetworkDisconnected;
import io.cairn.engine.event.NetworkRemoved;
import io.cairn.engine.event.PortBinding;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline journals for networks, decided against every earlier decision: unique names
 * and non-overlapping subnets; a network with connections is not removed; an address or host port
 * is never given twice. Pure but for {@link PortProbe}, which asks the host whether a port is free.
 */
final class NetworkDecisions {

    /** Docker's ephemeral range (Linux's ip_local_port_range default). */
    static final int EPHEMERAL_FIRST = 32768;
    static final int EPHEMERAL_LAST = 60999;

    /** Whether the host lets one bind {@code hostIp:port} now. */
    @FunctionalInterface
    interface PortProbe {
        boolean free(String hostIp, int port, String protocol);
    }

    private NetworkDecisions() {
    }

    static List<NetworkRecord> all(StateReader s) {
        List<NetworkRecord> out = new ArrayList<>();
        out.addAll(s.list(Families.NETWORKS, "", NetworkRecord.class));
        return out;
    }

    /** By full name, full ID or unique ID prefix. */
    static NetworkRecord resolve(StateReader s, String ref) {
        String want = ref.equals("default") ? NetworkRecord.DEFAULT : ref;
        List<NetworkRecord> all = all(s);
        for (NetworkRecord n : all) {
            if (n.name().equals(want) || n.id().equals(want)) {
                return n;
            }
        }
        List<NetworkRecord> prefixed = all.stream().filter(n -> !want.isEmpty() && n.id().startsWith(want)).toList();
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        if (prefixed.size() > 1) {
            throw new InvalidArgumentException("network " + ref + " is ambiguous (" + prefixed.size() + " matches found based on ID prefix)");
        }
        throw new NotFoundException("network " + ref + " not found");
    }

    static Decision<NetworkRecord> create(StateReader s, NetworkCreated e, List<Cidr> hostRoutes) {
        for (NetworkRecord n : all(s)) {
            if (n.name().equals(e.name())) {
                throw new AlreadyExistsException("network with name " + e.name() + " already exists");
            }
            if (Cidr.parse(n.subnet()).overlaps(Cidr.parse(e.subnet()))) {
                throw new ConflictException("invalid pool request: Pool overlaps with other one on this address space"
                        + " (" + e.subnet() + " overlaps network " + n.name() + "'s " + n.subnet() + ")");
            }
        }
        return Decision.of(new NetworkRecord(e.id(), e.name(), e.driver(), e.bridge(), e.subnet(), e.gateway(),
                e.ipRange(), e.internal(), e.dns(), e.labels(), 0), e);
    }

    /** A free /16 in 172.17–31 (Docker's first pool), then /24s in 192.168, overlapping no network (but {@code exceptId}) or host route. */
    static Cidr freeSubnet(StateReader s, List<Cidr> hostRoutes, String exceptId) {
        List<Cidr> taken = new ArrayList<>(hostRoutes);
        all(s).stream().filter(n -> !n.id().equals(exceptId)).forEach(n -> taken.add(Cidr.parse(n.subnet())));
        List<Cidr> candidates = new ArrayList<>();
        for (int b = 17; b <= 31; b++) {
            candidates.add(new Cidr((172L << 24) | ((long) b << 16), 16));
        }
        for (int c = 0; c <= 255; c += 16) {
            candidates.add(new Cidr((192L << 24) | (168L << 16) | ((long) c << 8), 20));
        }
        for (Cidr c : candidates) {
            if (taken.stream().noneMatch(t -> t.overlaps(c))) {
                return c;
            }
        }
        throw new ConflictException("could not find an available, non-overlapping IPv4 address pool among the defaults"
                + " to assign to the network");
    }

    static Decision<Void> remove(StateReader s, String id) {
        NetworkRecord n = s.read(Families.NETWORKS, id, NetworkRecord.class);
        if (n == null) {
            throw new NotFoundException("network " + id + " not found");
        }
        List<String> users = connected(s, id);
        if (!users.isEmpty()) {
            throw new ConflictException("error while removing network: network " + n.name() + " id " + n.id()
                    + " has active endpoints (containers " + String.join(", ", users) + ")");
        }
        return Decision.of(null, new NetworkRemoved(id));
    }

    /** The containers connected to a network. */
    static List<String> connected(StateReader s, String networkId) {
        List<String> out = new ArrayList<>();
        s.scan(Families.NETCONNECT, "", (k, v) -> {
            if (k.endsWith("/" + networkId)) {
                out.add(k.substring(0, k.indexOf('/')));
            }
            return true;
        });
        return out;
    }

    /** A container's connections. */
    static List<ConnectionRecord> connections(StateReader s, String containerId) {
        List<ConnectionRecord> out = new ArrayList<>();
        out.addAll(s.list(Families.NETCONNECT, containerId + "/", ConnectionRecord.class));
        return out;
    }

    static NetworkConnected connect(StateReader s, String networkId, String containerId, String ip, List<String> aliases) {
        NetworkRecord n = s.read(Families.NETWORKS, networkId, NetworkRecord.class);
        if (n == null) {
            throw new NotFoundException("network " + networkId + " not found");
        }
        if (s.get(Families.NETCONNECT, containerId + "/" + networkId) != null) {
            throw new ConflictException("endpoint with name for container " + containerId + " already exists in network " + n.name());
        }
        if (ip != null && !ip.isEmpty()) {
            if (n.predefined()) {
                throw new InvalidArgumentException("user specified IP address is supported on user defined networks only");
            }
            if (!Cidr.parse(n.ipRange()).contains(Cidr.address(ip)) || ip.equals(n.gateway())) {
                throw new InvalidArgumentException("invalid IP address " + ip + ": not in the network's range " + n.ipRange());
            }
        }
        if (n.predefined() && aliases != null && !aliases.isEmpty()) {
            throw new InvalidArgumentException("network-scoped alias is supported only for containers in user defined networks");
        }
        return new NetworkConnected(networkId, containerId, ip, aliases);
    }

    static Decision<Void> disconnect(StateReader s, String networkId, String containerId) {
        if (s.get(Families.NETCONNECT, containerId + "/" + networkId) == null) {
            throw new NotFoundException("container " + containerId + " is not connected to network " + networkId);
        }
        return Decision.of(null, new NetworkDisconnected(networkId, containerId));
    }

    /**
     * Addresses on each connected network (the asked one, else the lowest free in the range) and
     * host ports (the asked ones, refused when another container holds them or a host process
     * listens there; ephemeral ones free in both senses).
     */
    static Decision<EndpointsAllocated> allocate(StateReader s, String containerId, String containerName,
                                                 String netns, List<ConnectionRecord> conns, List<PortBinding> asked,
                                                 PortProbe probe) {
        if (s.get(Families.ENDPOINTS, containerId) != null) {
            throw new ConflictException("container " + containerName + " still holds the addresses of a previous run");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        int index = 0;
        for (ConnectionRecord c : conns) {
            NetworkRecord n = s.read(Families.NETWORKS, c.networkId(), NetworkRecord.class);
            if (n == null) {
                throw new NotFoundException("network " + c.networkId() + " not found");
            }
            endpoints.add(endpoint(s, n, c, containerId, containerName, "eth" + index++));
        }
        List<PortBinding> ports = new ArrayList<>();
        List<String> mine = new ArrayList<>();
        for (PortBinding p : asked) {
            int port = p.hostPort();
            if (port == 0) {
                port = ephemeral(s, containerId, p, probe, mine);
            } else {
                String key = NetworkProjection.portKey(p.protocol(), port);
                if (s.get(Families.NETALLOC, key) != null || mine.contains(key)) {
                    throw new ConflictException("Bind for " + (p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp()) + ":" + port
                            + " failed: port is already allocated");
                }
                if (!probe.free(p.hostIp(), port, p.protocol())) {
                    throw new ConflictException("Bind for " + (p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp()) + ":" + port
                            + "/" + p.protocol() + " failed: the port is in use by a process on the host");
                }
            }
            mine.add(NetworkProjection.portKey(p.protocol(), port));
            ports.add(new PortBinding(p.hostIp(), port, p.containerPort(), p.protocol()));
        }
        EndpointsAllocated e = new EndpointsAllocated(containerId, containerName, netns, endpoints, ports);
        return Decision.of(e, e);
    }

    static Endpoint endpoint(StateReader s, NetworkRecord n, ConnectionRecord c, String containerId,
                                     String containerName, String ifname) {
        Cidr subnet = Cidr.parse(n.subnet());
        Cidr range = Cidr.parse(n.ipRange());
        long gateway = Cidr.address(n.gateway());
        long ip;
        if (!c.ip().isEmpty()) {
            ip = Cidr.address(c.ip());
            byte[] holder = s.get(Families.NETALLOC, NetworkProjection.ipKey(n.id(), c.ip()));
            if (holder != null) {
                throw new ConflictException("Address already in use: " + c.ip() + " on network " + n.name());
            }
        } else {
            ip = -1;
            for (long a = Math.max(range.base() + 1, subnet.base() + 1); a < Math.min(range.last(), subnet.last()) + 1; a++) {
                if (a == gateway || a == subnet.last()) {
                    continue;
                }
                if (s.get(Families.NETALLOC, NetworkProjection.ipKey(n.id(), Cidr.format(a))) == null) {
                    ip = a;
                    break;
                }
            }
            if (ip < 0) {
                throw new ConflictException("no available IPv4 addresses on network " + n.name() + " (" + n.ipRange() + ")");
            }
        }
        List<String> aliases = new ArrayList<>();
        if (!n.predefined()) {
            aliases.add(containerId.substring(0, 12));
            aliases.addAll(c.aliases());
        }
        return new Endpoint(n.id(), n.name(), Cidr.format(ip), subnet.prefix(), n.gateway(), mac(ip), ifname, aliases);
    }

    /** Docker's MAC for an address: 02:42 then the four address bytes. */
    static String mac(long ip) {
        return String.format("02:42:%02x:%02x:%02x:%02x", (ip >> 24) & 255, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
    }

    private static int ephemeral(StateReader s, String containerId, PortBinding p, PortProbe probe, List<String> mine) {
        int span = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
        // start where the container's ID points, so concurrent daemons' tests rarely probe the same ports first
        int start = Math.floorMod(containerId.hashCode() + p.containerPort(), span);
        for (int i = 0; i < span; i++) {
            int port = EPHEMERAL_FIRST + (start + i) % span;
            String key = NetworkProjection.portKey(p.protocol(), port);
            if (s.get(Families.NETALLOC, key) == null && !mine.contains(key) && probe.free(p.hostIp(), port, p.protocol())) {
                return port;
            }
        }
        throw new ConflictException("no free host port for " + p.key());
    }

    static Map<String, NetworkRecord> byId(StateReader s, List<Endpoint> endpoints) {
        Map<String, NetworkRecord> out = new java.util.HashMap<>();
        for (Endpoint e : endpoints) {
            NetworkRecord n = s.read(Families.NETWORKS, e.networkId(), NetworkRecord.class);
            if (n != null) {
                out.put(n.id(), n);
            }
        }
        return out;
    }
}
