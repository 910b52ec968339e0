package io.cairn.engine.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * The daemon's way to registries: one per daemon, shared by every pull and push. It holds what is
 * worth keeping between requests: an HTTP client per host (each with the TLS trust of that host),
 * the scheme each host answered on, each host's authentication challenge, and bearer tokens until
 * they expire. Thread-safe.
 *
 * <p>Docker Hub is {@code docker.io} in references and {@code registry-1.docker.io} on the wire;
 * its mirrors are tried first for pulls. A host is spoken to over HTTPS; a loopback host, or one
 * named insecure, falls back to plain HTTP when HTTPS fails (and over HTTPS, an insecure host's
 * certificate is not checked), as Docker does.
 */
public final class RegistryClient {

    /** Where Docker Hub's registry API answers. */
    static final String DOCKER_HUB_HOST = "registry-1.docker.io";

    private final RegistryConfig config;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    private final Map<String, String> schemes = new ConcurrentHashMap<>();
    private final Map<String, Challenge> challenges = new ConcurrentHashMap<>();
    private final TokenCache tokens = new TokenCache();

    public RegistryClient(RegistryConfig config) {
        this.config = config;
    }

    public RegistryConfig config() {
        return config;
    }

    /**
     * The repository {@code path} of the registry {@code domain} (a reference's domain:
     * {@code docker.io} means Docker Hub), accessed with {@code credentials}. For Docker Hub with
     * mirrors, {@code mirrors} lists them first; pushes never use mirrors.
     */
    public Repository repository(String domain, String path, Credentials credentials, boolean viaMirrors) {
        List<String> hosts = new java.util.ArrayList<>();
        if (domain.equals("docker.io")) {
            if (viaMirrors) {
                for (URI mirror : config.mirrors()) {
                    hosts.add(mirror.toString().replaceAll("/+$", ""));
                }
            }
            hosts.add("https://" + DOCKER_HUB_HOST);
        } else {
            hosts.add(domain);
        }
        return new Repository(this, hosts, path, credentials);
    }

    /**
     * Checks {@code credentials} against the registry {@code server} (a host, or Docker Hub's
     * {@code https://index.docker.io/v1/} as the docker CLI names it).
     */
    public void login(String server, Credentials credentials) {
        String host = server == null || server.isBlank() ? "docker.io"
                : server.replaceFirst("^https?://", "").replaceAll("/v[12]/?$", "").replaceAll("/+$", "");
        if (host.equals("index.docker.io") || host.equals("registry-1.docker.io")) {
            host = "docker.io";
        }
        repository(host, "", credentials, false).login();
    }

    Challenge challenge(String host) {
        return challenges.get(host);
    }

    void challenge(String host, Challenge challenge) {
        if (challenge == null) {
            challenges.remove(host);
        } else {
            challenges.put(host, challenge);
        }
    }

    TokenCache tokens() {
        return tokens;
    }

    /** The scheme {@code host} answered on before, or null when not asked yet. */
    String knownScheme(String host) {
        return schemes.get(host);
    }

    void rememberScheme(String host, String scheme) {
        schemes.put(host, scheme);
    }

    /**
     * Schemes to try for {@code host}: HTTPS, then plain HTTP for loopback and insecure hosts, unless
     * the host has CAs in the certificate directory (then it is meant to speak TLS, and only TLS).
     */
    List<String> schemesFor(String host) {
        return insecure(host) && !hasCertificates(host) ? List.of("https", "http") : List.of("https");
    }

    /** Whether the certificate directory has an entry for {@code host}. */
    boolean hasCertificates(String host) {
        return java.nio.file.Files.isDirectory(config.certsDir().resolve(host.replace('/', '_')));
    }

    /** Loopback (by name or address) or named by {@code --insecure-registry}. */
    boolean insecure(String host) {
        return config.insecure().contains(host) || config.insecure().contains(hostName(host)) || loopback(host);
    }

    /** Whether {@code host} ({@code name[:port]}) is a loopback host. */
    static boolean loopback(String host) {
        String name = hostName(host);
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return true;
        }
        if (name.matches("[0-9.]+") || name.contains(":")) {
            try {
                return InetAddress.getByName(name).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** {@code host} without its port ({@code [::1]:5000} is {@code ::1}). */
    static String hostName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 ? h.substring(1, end) : h;
        }
        int colon = h.lastIndexOf(':');
        return colon > 0 && h.indexOf(':') == colon ? h.substring(0, colon) : h;
    }

    /** The HTTP client for {@code host}, with its TLS trust; redirects are left to the caller. */
    HttpClient client(String host) throws IOException {
        HttpClient existing = clients.get(host);
        if (existing != null) {
            return existing;
        }
        // as Docker: an insecure host (loopback included) is not asked for a valid certificate, unless
        // the certificate directory names CAs for it, which then must have signed its certificate
        boolean trustAll = config.insecure().contains(host) || config.insecure().contains(hostName(host))
                || (loopback(host) && !hasCertificates(host));
        SSLContext tls = trustAll ? TrustStores.trustingAll() : TrustStores.forHost(config.certsDir(), host);
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(config.limits().connectTimeout())
                .sslContext(tls)
                .build();
        HttpClient raced = clients.putIfAbsent(host, client);
        return raced == null ? client : raced;
    }
}
