package io.cairn.engine.http;

import java.util.List;
import java.util.Optional;

/**
 * Every endpoint of Docker's Engine API (v1.43), as method and path template. A request that no
 * route of Cairn serves but that is one of these answers 501 naming the endpoint ({@link ApiHandler}),
 * so a Docker client learns at once that Cairn lacks the feature; a path outside the API stays 404.
 * Templates are {@link Route}'s: {@code {name*}} spans slashes (image references do).
 */
final class DockerEndpoints {

    private static final List<Route> ENDPOINTS = List.of(
            // containers
            of("GET", "/containers/json"), of("POST", "/containers/create"), of("GET", "/containers/{id}/json"),
            of("GET", "/containers/{id}/top"), of("GET", "/containers/{id}/logs"), of("GET", "/containers/{id}/changes"),
            of("GET", "/containers/{id}/export"), of("GET", "/containers/{id}/stats"),
            of("POST", "/containers/{id}/resize"), of("POST", "/containers/{id}/start"),
            of("POST", "/containers/{id}/stop"), of("POST", "/containers/{id}/restart"),
            of("POST", "/containers/{id}/kill"), of("POST", "/containers/{id}/update"),
            of("POST", "/containers/{id}/rename"), of("POST", "/containers/{id}/pause"),
            of("POST", "/containers/{id}/unpause"), of("POST", "/containers/{id}/attach"),
            of("GET", "/containers/{id}/attach/ws"), of("POST", "/containers/{id}/wait"),
            of("DELETE", "/containers/{id}"), of("HEAD", "/containers/{id}/archive"),
            of("GET", "/containers/{id}/archive"), of("PUT", "/containers/{id}/archive"),
            of("POST", "/containers/prune"), of("POST", "/containers/{id}/exec"),
            // exec
            of("POST", "/exec/{id}/start"), of("POST", "/exec/{id}/resize"), of("GET", "/exec/{id}/json"),
            // images
            of("GET", "/images/json"), of("POST", "/build"), of("POST", "/build/prune"), of("POST", "/images/create"),
            of("GET", "/images/search"), of("POST", "/images/prune"), of("POST", "/commit"),
            of("GET", "/images/get"), of("POST", "/images/load"), of("GET", "/images/{name*}/json"),
            of("GET", "/images/{name*}/history"), of("POST", "/images/{name*}/push"),
            of("POST", "/images/{name*}/tag"), of("GET", "/images/{name*}/get"), of("DELETE", "/images/{name*}"),
            of("GET", "/distribution/{name*}/json"),
            // networks
            of("GET", "/networks"), of("GET", "/networks/{id}"), of("DELETE", "/networks/{id}"),
            of("POST", "/networks/create"), of("POST", "/networks/{id}/connect"),
            of("POST", "/networks/{id}/disconnect"), of("POST", "/networks/prune"),
            // volumes
            of("GET", "/volumes"), of("POST", "/volumes/create"), of("GET", "/volumes/{name}"),
            of("PUT", "/volumes/{name}"), of("DELETE", "/volumes/{name}"), of("POST", "/volumes/prune"),
            // system
            of("POST", "/auth"), of("GET", "/info"), of("GET", "/version"), of("GET", "/_ping"),
            of("HEAD", "/_ping"), of("GET", "/events"), of("GET", "/system/df"), of("POST", "/session"),
            // swarm, nodes, services, tasks, secrets, configs
            of("GET", "/swarm"), of("POST", "/swarm/init"), of("POST", "/swarm/join"), of("POST", "/swarm/leave"),
            of("POST", "/swarm/update"), of("GET", "/swarm/unlockkey"), of("POST", "/swarm/unlock"),
            of("GET", "/nodes"), of("GET", "/nodes/{id}"), of("DELETE", "/nodes/{id}"), of("POST", "/nodes/{id}/update"),
            of("GET", "/services"), of("POST", "/services/create"), of("GET", "/services/{id}"),
            of("DELETE", "/services/{id}"), of("POST", "/services/{id}/update"), of("GET", "/services/{id}/logs"),
            of("GET", "/tasks"), of("GET", "/tasks/{id}"), of("GET", "/tasks/{id}/logs"),
            of("GET", "/secrets"), of("POST", "/secrets/create"), of("GET", "/secrets/{id}"),
            of("DELETE", "/secrets/{id}"), of("POST", "/secrets/{id}/update"),
            of("GET", "/configs"), of("POST", "/configs/create"), of("GET", "/configs/{id}"),
            of("DELETE", "/configs/{id}"), of("POST", "/configs/{id}/update"),
            // plugins
            of("GET", "/plugins"), of("GET", "/plugins/privileges"), of("POST", "/plugins/pull"),
            of("GET", "/plugins/{name*}/json"), of("DELETE", "/plugins/{name*}"), of("POST", "/plugins/{name*}/enable"),
            of("POST", "/plugins/{name*}/disable"), of("POST", "/plugins/{name*}/upgrade"), of("POST", "/plugins/create"),
            of("POST", "/plugins/{name*}/push"), of("POST", "/plugins/{name*}/set"));

    private DockerEndpoints() {
    }

    private static Route of(String method, String template) {
        return Route.of(method, template, x -> {
            throw new IllegalStateException("a catalogue entry is never served");
        });
    }

    /** The whole catalogue, in the order above (docs/API.md's table follows it). */
    static List<Route> all() {
        return ENDPOINTS;
    }

    /** The endpoint {@code method path} is in Docker's API, by its template; empty when it is not. */
    static Optional<String> find(String method, String path) {
        for (Route e : ENDPOINTS) {
            if (e.method().equals(method) && e.match(path) != null) {
                return Optional.of(method + " " + e.template());
            }
        }
        return Optional.empty();
    }
}
