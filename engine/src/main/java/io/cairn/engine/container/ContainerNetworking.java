package io.cairn.engine.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.NetworkOptions;
import io.cairn.engine.event.PortBinding;
import io.cairn.engine.network.HostFiles;
import java.util.ArrayList;
import java.util.List;

/** A create's network options checked, with the image's EXPOSE added to the exposed ports. */
final class ContainerNetworking {

    private ContainerNetworking() {
    }

    static NetworkOptions options(NetworkOptions asked, JsonNode image) {
        NetworkOptions n = asked == null ? NetworkOptions.none() : asked;
        List<String> exposed = new ArrayList<>();
        image.path("ExposedPorts").fieldNames().forEachRemaining(p -> exposed.add(portKey(p)));
        for (String e : n.exposed()) {
            String k = portKey(e);
            if (!exposed.contains(k)) {
                exposed.add(k);
            }
        }
        for (PortBinding p : n.ports()) {
            if (p.containerPort() < 1 || p.containerPort() > 65535 || p.hostPort() < 0 || p.hostPort() > 65535) {
                throw new InvalidArgumentException("invalid port mapping " + p.hostPort() + ":" + p.key());
            }
            if (!p.protocol().equals("tcp") && !p.protocol().equals("udp")) {
                throw new InvalidArgumentException("invalid protocol \"" + p.protocol() + "\": tcp or udp");
            }
            if (!p.hostIp().isEmpty() && !p.hostIp().matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
                throw new InvalidArgumentException("invalid host IP \"" + p.hostIp() + "\": an IPv4 address");
            }
            if (!exposed.contains(p.key())) {
                exposed.add(p.key());
            }
        }
        n.extraHosts().forEach(HostFiles::checkExtraHost);
        for (String d : n.dns()) {
            if (!d.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") && !d.matches("[0-9a-fA-F:]+")) {
                throw new InvalidArgumentException("invalid --dns " + d + ": an IP address");
            }
        }
        for (String s : n.dnsSearch()) {
            if (!s.matches("[A-Za-z0-9.-]+")) {
                throw new InvalidArgumentException("invalid --dns-search " + s);
            }
        }
        return new NetworkOptions(n.ports(), n.publishAll(), exposed, n.dns(), n.dnsSearch(), n.dnsOptions(),
                n.extraHosts());
    }

    /** {@code 80} or {@code 80/TCP} as {@code 80/tcp}. */
    static String portKey(String p) {
        String[] f = p.split("/", 2);
        String proto = f.length > 1 ? f[1].toLowerCase(java.util.Locale.ROOT) : "tcp";
        try {
            int port = Integer.parseInt(f[0]);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port + "/" + proto;
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid exposed port \"" + p + "\"");
        }
    }
}
