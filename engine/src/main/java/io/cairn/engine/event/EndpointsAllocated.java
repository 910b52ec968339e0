package io.cairn.engine.event;

import java.util.List;

/**
 * A starting container got its addresses and host ports: the pipeline decided them against every
 * other allocation, so no two containers hold one address or one host port. They are held until
 * {@link EndpointsReleased}.
 *
 * @param containerName the container's name, for the networks' views ({@code network inspect})
 * @param netns         the bind-mounted network namespace the endpoints live in
 */
public record EndpointsAllocated(String containerId, String containerName, String netns, List<Endpoint> endpoints,
                                 List<PortBinding> ports) implements Event {
    public EndpointsAllocated {
        endpoints = List.copyOf(endpoints);
        ports = List.copyOf(ports);
    }
}
