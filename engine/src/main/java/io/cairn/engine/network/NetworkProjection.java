package io.cairn.engine.network;

import io.cairn.engine.event.Endpoint;
import io.cairn.engine.event.EndpointsAllocated;
import io.cairn.engine.event.EndpointsReleased;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.NetworkConnected;
import io.cairn.engine.event.NetworkCreated;
import io.cairn.engine.event.NetworkDisconnected;
import io.cairn.engine.event.NetworkRemoved;
import io.cairn.engine.event.PortBinding;
import io.cairn.engine.state.EventContext;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.Projection;
import io.cairn.engine.state.StateReader;
import io.cairn.engine.state.StateWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** Network events → the networks, netconnect, endpoints and netalloc families. */
public final class NetworkProjection implements Projection {

    private static final Set<Class<? extends Event>> EVENTS = Set.of(NetworkCreated.class, NetworkRemoved.class,
            NetworkConnected.class, NetworkDisconnected.class, EndpointsAllocated.class, EndpointsReleased.class);

    @Override
    public Set<Class<? extends Event>> events() {
        return EVENTS;
    }

    @Override
    public void apply(Event event, EventContext context, StateReader state, StateWriter out) {
        if (event instanceof NetworkCreated e) {
            out.write(Families.NETWORKS, e.id(), new NetworkRecord(e.id(), e.name(), e.driver(), e.bridge(), e.subnet(),
                    e.gateway(), e.ipRange(), e.internal(), e.dns(), e.labels(), context.timeNanos()));
        } else if (event instanceof NetworkRemoved e) {
            out.delete(Families.NETWORKS, e.id());
        } else if (event instanceof NetworkConnected e) {
            out.write(Families.NETCONNECT, e.containerId() + "/" + e.networkId(),
                    new ConnectionRecord(e.containerId(), e.networkId(), e.ip(), e.aliases()));
        } else if (event instanceof NetworkDisconnected e) {
            out.delete(Families.NETCONNECT, e.containerId() + "/" + e.networkId());
        } else if (event instanceof EndpointsAllocated e) {
            out.write(Families.ENDPOINTS, e.containerId(), e);
            byte[] owner = e.containerId().getBytes(StandardCharsets.UTF_8);
            for (Endpoint ep : e.endpoints()) {
                out.put(Families.NETALLOC, ipKey(ep.networkId(), ep.ip()), owner);
            }
            for (PortBinding p : e.ports()) {
                out.put(Families.NETALLOC, portKey(p.protocol(), p.hostPort()), owner);
            }
        } else if (event instanceof EndpointsReleased e) {
            EndpointsAllocated a = state.read(Families.ENDPOINTS, e.containerId(), EndpointsAllocated.class);
            if (a != null) {
                for (Endpoint ep : a.endpoints()) {
                    out.delete(Families.NETALLOC, ipKey(ep.networkId(), ep.ip()));
                }
                for (PortBinding p : a.ports()) {
                    out.delete(Families.NETALLOC, portKey(p.protocol(), p.hostPort()));
                }
                out.delete(Families.ENDPOINTS, e.containerId());
            }
        } else {
            throw new IllegalArgumentException("not a network event: " + event.getClass().getSimpleName());
        }
    }

    static String ipKey(String networkId, String ip) {
        return "ip/" + networkId + "/" + ip;
    }

    static String portKey(String protocol, int port) {
        return "port/" + protocol + "/" + port;
    }
}
