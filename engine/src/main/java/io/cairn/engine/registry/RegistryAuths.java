package io.cairn.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.json.Mappers;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The credentials a build may use to pull its base images: the Engine API's
 * {@code X-Registry-Config} header, base64url of a JSON object mapping a registry (as the docker
 * CLI's {@code config.json} keys it: {@code 127.0.0.1:5000}, {@code https://index.docker.io/v1/})
 * to an AuthConfig. Hosts are matched as Docker does: scheme and path dropped, Docker Hub's names
 * ({@code index.docker.io}, {@code registry-1.docker.io}) all meaning {@code docker.io}. Lent for
 * one request: never journaled or logged; {@link #toString()} names the hosts only.
 */
public final class RegistryAuths {

    /** No header: every base image is pulled anonymously. */
    public static final RegistryAuths NONE = new RegistryAuths(Map.of());

    /** The longest header read (Docker's CLI sends every credential it has; this leaves room for hundreds). */
    public static final int MAX_HEADER = 48 << 10;

    private final Map<String, Credentials> byHost;

    private RegistryAuths(Map<String, Credentials> byHost) {
        this.byHost = Map.copyOf(byHost);
    }

    /**
     * Decodes the header; absent or empty is {@link #NONE}. Too long, not base64, not a JSON object
     * of objects: refused, naming the header and never echoing its content.
     */
    public static RegistryAuths fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        if (header.length() > MAX_HEADER) {
            throw new InvalidArgumentException("X-Registry-Config: " + header.length() + " characters; the limit is "
                    + MAX_HEADER);
        }
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(header.trim().replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("X-Registry-Config: not base64url");
        }
        JsonNode root;
        try {
            root = Mappers.STRICT.readTree(json);
        } catch (java.io.IOException e) {
            throw new InvalidArgumentException("X-Registry-Config: not a JSON object of registry credentials");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return NONE;
        }
        if (!root.isObject()) {
            throw new InvalidArgumentException("X-Registry-Config: not a JSON object of registry credentials");
        }
        Map<String, Credentials> byHost = new LinkedHashMap<>();
        for (var it = root.fields(); it.hasNext(); ) {
            var entry = it.next();
            String host = host(entry.getKey());
            String what = "X-Registry-Config: the entry of " + host.replaceAll("[^\\w.:\\[\\]-]", "?");
            if (!entry.getValue().isObject()) {
                throw new InvalidArgumentException(what + " is not an AuthConfig object");
            }
            Credentials credentials = Credentials.fromNode(entry.getValue(), what);
            // a key Docker's CLI wrote for a host, and the same host written another way: the first wins
            if (!credentials.anonymous()) {
                byHost.putIfAbsent(host, credentials);
            }
        }
        return new RegistryAuths(byHost);
    }

    /** The credentials for the registry {@code domain} (a reference's: {@code docker.io} for Docker Hub), or anonymous. */
    public Credentials forDomain(String domain) {
        return byHost.getOrDefault(host(domain), Credentials.ANONYMOUS);
    }

    /** A key or a domain as a host: {@code https://index.docker.io/v1/} is {@code docker.io}. */
    static String host(String key) {
        String h = key.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        int slash = h.indexOf('/');
        if (slash >= 0) {
            h = h.substring(0, slash);
        }
        return h.equals("index.docker.io") || h.equals("registry-1.docker.io") ? "docker.io" : h;
    }

    @Override
    public String toString() {
        return "RegistryAuths" + byHost.keySet();
    }
}
