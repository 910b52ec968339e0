package io.cairn.engine.network;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.engine.event.Endpoint;
import io.cairn.engine.event.PortBinding;
import io.cairn.engine.json.Mappers;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives netavark: {@code netavark --config DIR --rootless=false setup|teardown NETNS < options}.
 * The options (netavark's {@code NetworkOptions}: per-network {@code static_ips}, {@code aliases},
 * {@code interface_name}; {@code port_mappings}; {@code network_info}) carry addresses Cairn already
 * decided, so netavark's own IPAM never runs. It creates the bridge, the veth pair, the iptables NAT
 * and forwarding rules (and {@code route_localnet} on the bridge, so a port published on 127.0.0.1
 * is reachable), and starts aardvark-dns for networks with DNS. netavark knows a network by its
 * bridge's name, unique on the host, not by the user's name: netavark names its iptables chains
 * after it, and two daemons (roots) each have a {@code bridge}. Calls are serialized: netavark
 * locks its config directory too, but a queue in the JVM costs no failed retry.
 */
public final class Netavark {

    public static final Path BINARY = Path.of("/usr/lib/podman/netavark");
    public static final Path AARDVARK = Path.of("/usr/lib/podman/aardvark-dns");
    private static final ObjectMapper JSON = Mappers.STRICT;

    private final Path binary;
    private final Path aardvark;
    private final Path configDir;

    public Netavark(Path binary, Path aardvark, Path configDir) {
        this.binary = binary;
        this.aardvark = aardvark;
        this.configDir = configDir;
    }

    /** What one container's set-up or tear-down covers: its endpoints on the given networks, its ports. */
    record Attachment(String containerId, String containerName, List<Endpoint> endpoints,
                      Map<String, NetworkRecord> networks, List<PortBinding> ports) {
    }

    public boolean installed() {
        return Files.isExecutable(binary);
    }

    synchronized void setup(Path netns, Attachment a) throws IOException {
        run("setup", netns, options(a));
    }

    synchronized void teardown(Path netns, Attachment a) throws IOException {
        run("teardown", netns, options(a));
    }

    byte[] options(Attachment a) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("container_id", a.containerId());
        root.put("container_name", a.containerName());
        ArrayNode ports = root.putArray("port_mappings");
        for (PortBinding p : a.ports()) {
            ObjectNode m = ports.addObject();
            m.put("host_ip", p.hostIp());
            m.put("container_port", p.containerPort());
            m.put("host_port", p.hostPort());
            m.put("range", 1);
            m.put("protocol", p.protocol());
        }
        ObjectNode nets = root.putObject("networks");
        ObjectNode info = root.putObject("network_info");
        for (Endpoint e : a.endpoints()) {
            NetworkRecord n = a.networks().get(e.networkId());
            ObjectNode per = nets.putObject(n.bridge());
            per.putArray("static_ips").add(e.ip());
            per.put("interface_name", e.interfaceName());
            per.put("static_mac", e.mac());
            ArrayNode aliases = per.putArray("aliases");
            e.aliases().forEach(aliases::add);
            ObjectNode def = info.putObject(n.bridge());
            def.put("name", n.bridge());
            def.put("id", n.id());
            def.put("driver", "bridge");
            def.put("network_interface", n.bridge());
            ObjectNode subnet = def.putArray("subnets").addObject();
            subnet.put("subnet", n.subnet());
            subnet.put("gateway", n.gateway());
            def.put("ipv6_enabled", false);
            def.put("internal", n.internal());
            def.put("dns_enabled", n.dns());
            def.putObject("ipam_options").put("driver", "host-local");
            // Docker's bridges do not route to each other; netavark's do unless told to isolate
            def.putObject("options").put("isolate", "true");
        }
        return JSON.writeValueAsBytes(root);
    }

    private void run(String verb, Path netns, byte[] input) throws IOException {
        Files.createDirectories(configDir);
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--config", configDir.toString(),
                "--rootless=false", "--aardvark-binary", aardvark.toString(), verb, netns.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(input);
        }
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("netavark " + verb + " did not finish in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while netavark " + verb + " ran");
        }
        if (p.exitValue() != 0) {
            throw new IOException("netavark " + verb + " failed: " + message(out));
        }
    }

    /** netavark's error, without its syslog complaint; JSON {@code {"error": …}} when it gives one. */
    private static String message(byte[] out) {
        String text = new String(out, StandardCharsets.UTF_8).replace("failed to connect to syslog: Initialization", "").trim();
        try {
            var node = JSON.readTree(text);
            if (node != null && node.has("error")) {
                return node.get("error").asText();
            }
        } catch (IOException notJson) {
            // plain text
        }
        return text;
    }
}
