package io.cairn.engine.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.Engine;
import io.cairn.engine.container.ContainerRecord;
import io.cairn.engine.container.ContainerService;
import io.cairn.engine.event.Endpoint;
import io.cairn.engine.event.EndpointsAllocated;
import io.cairn.engine.event.NetworkOptions;
import io.cairn.engine.event.PortBinding;
import io.cairn.engine.network.ConnectionRecord;
import io.cairn.engine.network.NetworkRecord;
import io.cairn.engine.network.NetworkService;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Docker Engine API's network endpoints, and the network parts of container create and inspect. */
final class NetworkRoutes {

    private NetworkRoutes() {
    }

    static List<Route> routes(Engine engine) {
        NetworkService networks = engine.networks();
        ContainerService containers = engine.containers();
        return List.of(
                Route.of("GET", "/networks", x -> {
                    if (networks.defaultBridge()) {
                        networks.ensureDefault(x.uid());
                    }
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (NetworkRecord n : networks.list(x.filters())) {
                        out.add(network(n, networks, containers));
                    }
                    x.json(200, out);
                }),
                Route.of("POST", "/networks/create", x -> {
                    JsonNode b = x.body(JsonNode.class, "network create");
                    JsonNode ipam = b.path("IPAM").path("Config");
                    JsonNode first = ipam.isArray() && ipam.size() > 0 ? ipam.get(0) : b.path("none");
                    if (ipam.size() > 1) {
                        throw new InvalidArgumentException("network create: Cairn takes one IPAM config (one IPv4 subnet)");
                    }
                    if (b.path("EnableIPv6").asBoolean(false)) {
                        throw new InvalidArgumentException("network create: IPv6 is not supported");
                    }
                    if (b.path("Options").size() > 0) {
                        throw new InvalidArgumentException("network create: driver options are not supported");
                    }
                    Map<String, String> labels = new LinkedHashMap<>();
                    b.path("Labels").fields().forEachRemaining(l -> labels.put(l.getKey(), l.getValue().asText()));
                    NetworkRecord n = networks.create(b.path("Name").asText(""), b.path("Driver").asText("bridge"),
                            first.path("Subnet").asText(""), first.path("Gateway").asText(""), first.path("IPRange").asText(""),
                            b.path("Internal").asBoolean(false), labels, x.uid());
                    x.json(201, Map.of("Id", n.id(), "Warning", ""));
                }),
                Route.of("POST", "/networks/prune", x -> x.json(200, Map.of("NetworksDeleted",
                        networks.prune(x.filters(), x.uid())))),
                Route.of("GET", "/networks/{id}", x -> {
                    if (networks.defaultBridge() && x.path(0).equals("bridge")) {
                        networks.ensureDefault(x.uid()); // Docker's bridge is always there
                    }
                    x.json(200, network(networks.inspect(x.path(0)), networks, containers));
                }),
                Route.of("DELETE", "/networks/{id}", x -> {
                    networks.remove(x.path(0), x.uid());
                    x.noContent();
                }),
                Route.of("POST", "/networks/{id}/connect", x -> {
                    JsonNode b = x.body(JsonNode.class, "network connect");
                    ContainerRecord c = containers.resolve(b.path("Container").asText(""));
                    JsonNode ep = b.path("EndpointConfig");
                    starting(c);
                    networks.connect(x.path(0), c.id(), c.running(),
                            ep.path("IPAMConfig").path("IPv4Address").asText(""), strings(ep.path("Aliases")), x.uid());
                    x.json(200, Map.of());
                }),
                Route.of("POST", "/networks/{id}/disconnect", x -> {
                    JsonNode b = x.body(JsonNode.class, "network disconnect");
                    ContainerRecord c = containers.resolve(b.path("Container").asText(""));
                    starting(c);
                    networks.disconnect(x.path(0), c.id(), c.running(), x.uid());
                    x.json(200, Map.of());
                }),
                Route.of("GET", "/containers/{id}/port", x -> {
                    ContainerRecord c = containers.resolve(x.path(0));
                    x.json(200, ports(c, networks.allocation(c.id())));
                }));
    }

    /** A container between its start's decision and its process: its allocation is being made. */
    private static void starting(ContainerRecord c) {
        if (c.starting()) {
            throw new io.cairn.api.ConflictException("container " + c.name() + " is starting: connect or disconnect it"
                    + " once it runs or has stopped");
        }
    }

    static Map<String, Object> network(NetworkRecord n, NetworkService networks, ContainerService containers) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Name", n.name());
        out.put("Id", n.id());
        out.put("Created", DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(0, n.createdNanos())));
        out.put("Scope", "local");
        out.put("Driver", n.driver());
        out.put("EnableIPv6", false);
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("Subnet", n.subnet());
        cfg.put("Gateway", n.gateway());
        if (!n.ipRange().equals(n.subnet())) {
            cfg.put("IPRange", n.ipRange());
        }
        boolean builtin = io.cairn.engine.network.BuiltinNetworks.is(n);
        out.put("IPAM", Map.of("Driver", "default", "Options", Map.of(), "Config", builtin ? List.of() : List.of(cfg)));
        out.put("Internal", n.internal());
        out.put("Attachable", false);
        out.put("Ingress", false);
        Map<String, Object> members = new LinkedHashMap<>();
        for (ConnectionRecord c : networks.connected(n.id())) {
            Optional<EndpointsAllocated> a = networks.allocation(c.containerId());
            Map<String, Object> m = new LinkedHashMap<>();
            String name = c.containerId();
            try {
                name = containers.resolve(c.containerId()).name();
            } catch (RuntimeException gone) {
                // removed meanwhile
            }
            m.put("Name", name);
            Endpoint e = a.flatMap(al -> al.endpoints().stream().filter(x -> x.networkId().equals(n.id())).findFirst()).orElse(null);
            m.put("MacAddress", e == null ? "" : e.mac());
            m.put("IPv4Address", e == null ? "" : e.ip() + "/" + e.prefixLen());
            m.put("IPv6Address", "");
            members.put(c.containerId(), m);
        }
        if (builtin) { // on host or none by mode, while running: Docker lists them without an address
            for (ContainerRecord c : containers.all()) {
                if (c.running() && networks.effective(c.config().network()).equals(n.name())) {
                    members.put(c.id(), Map.of("Name", c.name(), "EndpointID", "", "MacAddress", "", "IPv4Address", "",
                            "IPv6Address", ""));
                }
            }
        }
        out.put("Containers", members);
        // Docker reports the driver options a network was created with: a user network has none (Cairn
        // refuses them), and docker-compose recreates a network whose options differ from its file's
        out.put("Options", n.predefined() ? Map.of("com.docker.network.bridge.name", n.bridge()) : Map.of());
        out.put("Labels", n.labels());
        return out;
    }

    /** Docker's {@code NetworkSettings} of a container. */
    static Map<String, Object> settings(ContainerRecord c, NetworkService networks) {
        Optional<EndpointsAllocated> a = networks.allocation(c.id());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Bridge", "");
        out.put("SandboxID", a.isPresent() ? c.id() : "");
        out.put("SandboxKey", a.map(EndpointsAllocated::netns).orElse(""));
        out.put("Ports", ports(c, a));
        Map<String, Object> nets = new LinkedHashMap<>();
        for (NetworkRecord n : networks.networksOf(c.id())) {
            Endpoint e = a.flatMap(al -> al.endpoints().stream().filter(x -> x.networkId().equals(n.id())).findFirst()).orElse(null);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("IPAMConfig", null);
            m.put("Links", null);
            m.put("Aliases", e == null || n.predefined() ? null : e.aliases());
            m.put("NetworkID", n.id());
            m.put("EndpointID", e == null ? "" : c.id());
            m.put("Gateway", e == null ? "" : e.gateway());
            m.put("IPAddress", e == null ? "" : e.ip());
            m.put("IPPrefixLen", e == null ? 0 : e.prefixLen());
            m.put("IPv6Gateway", "");
            m.put("GlobalIPv6Address", "");
            m.put("GlobalIPv6PrefixLen", 0);
            m.put("MacAddress", e == null ? "" : e.mac());
            nets.put(n.name(), m);
        }
        String mode = networks.effective(c.config().network());
        if (mode.equals("host") || mode.equals("none")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("NetworkID", io.cairn.engine.network.BuiltinNetworks.find(mode).orElseThrow().id());
            m.put("Gateway", "");
            m.put("IPAddress", "");
            m.put("IPPrefixLen", 0);
            m.put("MacAddress", "");
            nets.put(mode, m);
        }
        Endpoint primary = a.flatMap(al -> al.endpoints().stream().filter(x -> x.networkName().equals(NetworkRecord.DEFAULT))
                .findFirst()).orElse(null);
        out.put("Gateway", primary == null ? "" : primary.gateway());
        out.put("IPAddress", primary == null ? "" : primary.ip());
        out.put("IPPrefixLen", primary == null ? 0 : primary.prefixLen());
        out.put("MacAddress", primary == null ? "" : primary.mac());
        out.put("Networks", nets);
        return out;
    }

    /** {@code Ports}: each exposed port with its bindings while running, {@code null} when not published. */
    static Map<String, Object> ports(ContainerRecord c, Optional<EndpointsAllocated> a) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String e : c.config().net().exposed()) {
            out.put(e, null);
        }
        for (PortBinding p : a.map(EndpointsAllocated::ports).orElse(List.of())) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> list = (List<Map<String, String>>) out.get(p.key());
            if (list == null) {
                list = new ArrayList<>();
                out.put(p.key(), list);
            }
            list.add(Map.of("HostIp", p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp(), "HostPort", Integer.toString(p.hostPort())));
        }
        return out;
    }

    /**
     * A container summary's {@code Ports} ({@code GET /containers/json}, what {@code docker ps} shows):
     * each published port with its host side while running, each exposed one without.
     */
    static List<Map<String, Object>> summaryPorts(ContainerRecord c, NetworkService networks) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<String> published = new ArrayList<>();
        for (PortBinding p : networks.allocation(c.id()).map(EndpointsAllocated::ports).orElse(List.of())) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("IP", p.hostIp().isEmpty() ? "0.0.0.0" : p.hostIp());
            m.put("PrivatePort", p.containerPort());
            m.put("PublicPort", p.hostPort());
            m.put("Type", p.protocol());
            out.add(m);
            published.add(p.key());
        }
        for (String e : c.config().net().exposed()) {
            if (!published.contains(e)) {
                String[] k = e.split("/", 2);
                out.add(Map.of("PrivatePort", Integer.parseInt(k[0]), "Type", k.length > 1 ? k[1] : "tcp"));
            }
        }
        return out;
    }

    /** The network options of a create body: HostConfig's and NetworkingConfig's. */
    static NetworkOptions createOptions(JsonNode body) {
        JsonNode host = body.path("HostConfig");
        List<PortBinding> ports = new ArrayList<>();
        host.path("PortBindings").fields().forEachRemaining(f -> {
            String[] key = f.getKey().split("/", 2);
            int containerPort = port(key[0], f.getKey());
            String proto = key.length > 1 ? key[1] : "tcp";
            JsonNode list = f.getValue();
            if (list == null || list.isNull() || list.size() == 0) {
                ports.add(new PortBinding("", 0, containerPort, proto));
            }
            for (JsonNode b : list == null ? List.<JsonNode>of() : list) {
                String hp = b.path("HostPort").asText("");
                ports.add(new PortBinding(b.path("HostIp").asText(""), hp.isEmpty() ? 0 : port(hp, f.getKey()), containerPort, proto));
            }
        });
        List<String> exposed = new ArrayList<>();
        body.path("ExposedPorts").fieldNames().forEachRemaining(p -> exposed.add(CreateSettingsJson.exposedPort(p)));
        return new NetworkOptions(ports, host.path("PublishAllPorts").asBoolean(false), exposed, strings(host.path("Dns")),
                strings(host.path("DnsSearch")), strings(host.path("DnsOptions")), strings(host.path("ExtraHosts")));
    }

    /** The endpoint config of the create's network mode: its IPv4 address and aliases. */
    static JsonNode endpointConfig(JsonNode body) {
        String mode = body.path("HostConfig").path("NetworkMode").asText("default");
        JsonNode eps = body.path("NetworkingConfig").path("EndpointsConfig");
        if (eps.size() > 1) {
            throw new InvalidArgumentException("Container cannot be connected to network endpoints: Cairn connects one"
                    + " network at create; use network connect for more");
        }
        JsonNode ep = eps.path(mode);
        if (ep.isMissingNode() && eps.size() == 1) {
            ep = eps.elements().next();
        }
        return ep;
    }

    private static int port(String text, String where) {
        try {
            int p = Integer.parseInt(text);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return p;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid port \"" + text + "\" in " + where);
        }
    }

    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(v -> out.add(v.asText()));
        return out;
    }
}
