/**
 * Docker's bridge networks on Podman's network stack: the pipeline decides networks, connections,
 * addresses and host ports (journaled, so replay restores every allocation and no two containers
 * hold one address or one host port); {@link io.cairn.engine.network.Netavark} then configures the
 * bridge, veth pair, NAT and port forwarding in a network namespace Cairn bind-mounts under
 * {@code <root>/netns/}, and aardvark-dns answers container names on user networks. Depends on
 * {@code event} and {@code state} only; the container domain calls it.
 */
package io.cairn.engine.network;
