package io.cairn.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.CairnException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.api.TooLargeException;
import io.cairn.api.UnavailableException;
import io.cairn.engine.json.Mappers;
import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One repository of one registry, as one client's credentials see it: the requests of a pull or a
 * push. Every answer is checked before it is believed: manifests are capped in size and hashed,
 * blobs are verified against their descriptor while they are read ({@link VerifiedStream}), a body
 * that stops flowing times out ({@link IdleWatch}), and redirects are followed only where the policy
 * allows (same host; another host only over HTTPS, or loopback to loopback), never with the
 * client's credentials.
 */
public final class Repository {

    /** The manifest media types a pull accepts, as Docker asks for them. */
    public static final List<String> MANIFEST_TYPES = List.of(
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.oci.image.index.v1+json");

    private static final int MAX_REDIRECTS = 5;
    /** How long an HTTPS probe of a host that may speak plain HTTP waits for an answer. */
    private static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(3);
    private static final int MAX_ERROR_BODY = 64 << 10;

    /** A manifest or index as the registry sent it, its digest computed from its bytes. */
    public record Fetched(byte[] bytes, String mediaType, Digest digest) {
    }

    private final RegistryClient client;
    private final List<String> hosts;
    private final String path;
    private final Credentials credentials;
    private String host;
    private String scope;

    Repository(RegistryClient client, List<String> hosts, String path, Credentials credentials) {
        this.client = client;
        this.hosts = List.copyOf(hosts);
        this.path = path;
        this.credentials = credentials;
        this.host = hosts.get(hosts.size() - 1);
        this.scope = "repository:" + path + ":pull";
    }

    /** Asks for push rights as well as pull (the token scope of a push). */
    public Repository forPush() {
        scope = "repository:" + path + ":pull,push";
        return this;
    }

    /**
     * {@code docker login}'s check: the registry's {@code /v2/} answers these credentials (through
     * its token server when it has one). Fails with "unauthorized" when they are refused.
     */
    public void login() {
        scope = "";
        base();
        Challenge challenge = client.challenge(authority());
        if (challenge == null) {
            return; // a registry without authentication takes anyone
        }
        if (challenge.scheme().equals("bearer")) {
            client.tokens().forget(tokenKey(challenge, scope));
            token(challenge, scope);
            return;
        }
        HttpResponse<InputStream> r = send("GET", "/v2/", Map.of(), "login", false);
        discard(r);
        if (r.statusCode() != 200) {
            throw failure(r, "login to " + registry());
        }
    }

    /** The registry host that answers (after the first request: the mirror, when one did). */
    public String registry() {
        return host.replaceFirst("^https?://", "");
    }

    public String path() {
        return path;
    }

    // ---- pull

    /**
     * The manifest or index {@code reference} (a tag or a digest) names, at most the limit's size;
     * a digest reference must match the bytes. Mirrors are tried in order; the first that has it
     * serves the rest of the pull.
     */
    public Fetched manifest(String reference) {
        RuntimeException last = null;
        for (String candidate : hosts) {
            host = candidate;
            try {
                return fetchManifest(reference);
            } catch (RuntimeException e) {
                last = e;
                if (candidate.equals(hosts.get(hosts.size() - 1))) {
                    break;
                }
            }
        }
        throw last;
    }

    private Fetched fetchManifest(String reference) {
        long max = client.config().limits().maxManifestBytes();
        String what = "manifest " + registry() + "/" + path + (reference.contains(":") ? "@" : ":") + reference;
        HttpResponse<InputStream> response = send("GET", "/v2/" + path + "/manifests/" + reference,
                Map.of("Accept", String.join(", ", MANIFEST_TYPES)), what, false);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw failure(response, what);
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > max) {
                throw new TooLargeException(what + " is " + declared + " bytes; the limit is " + max);
            }
            byte[] bytes = IdleWatch.watch(body, client.config().limits().idleTimeout(), what).readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw new TooLargeException(what + " is larger than the limit of " + max + " bytes");
            }
            Digest digest = Digest.sha256(bytes);
            if (reference.contains(":")) {
                Digest asked = Digest.parse(reference);
                Digest actual = Digest.of(asked.algorithm(), asked.newMessageDigest().digest(bytes));
                if (!actual.equals(asked)) {
                    throw new InvalidArgumentException(what + " does not match its digest: got " + actual);
                }
                digest = asked;
            }
            String type = response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
            return new Fetched(bytes, type, digest);
        } catch (IOException e) {
            throw transfer(e, what);
        }
    }

    /** The most tags {@link #tags} takes from a repository: a registry cannot make a pull -a endless. */
    public static final int MAX_TAGS = 10_000;
    private static final int MAX_TAG_PAGES = 1_000;

    /**
     * The repository's tags ({@code GET /v2/NAME/tags/list}), following the {@code Link: <…>;
     * rel="next"} pages on the same host; each page is capped as a manifest is, the whole list at
     * {@value #MAX_TAGS}, and every tag must be a valid one (a tag is later part of a path).
     */
    public List<String> tags() {
        long max = client.config().limits().maxManifestBytes();
        List<String> tags = new java.util.ArrayList<>();
        String next = "/v2/" + path + "/tags/list";
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int page = 0; next != null; page++) {
            if (!seen.add(next) || page == MAX_TAG_PAGES) { // a registry linking in a circle, or without end
                throw new InvalidArgumentException("tag list of " + registry() + "/" + path + ": the registry's pages"
                        + " do not end (" + page + " pages read)");
            }
            String what = "tag list of " + registry() + "/" + path + (page == 0 ? "" : " (page " + (page + 1) + ")");
            HttpResponse<InputStream> response = send("GET", next, Map.of("Accept", "application/json"), what, false);
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw failure(response, what);
                }
                byte[] bytes = IdleWatch.watch(body, client.config().limits().idleTimeout(), what).readNBytes((int) max + 1);
                if (bytes.length > max) {
                    throw new TooLargeException(what + " is larger than the limit of " + max + " bytes");
                }
                JsonNode listed = Mappers.STRICT.readTree(bytes).path("tags");
                for (JsonNode t : listed) {
                    String tag = t.asText("");
                    if (!TAG.matcher(tag).matches()) {
                        throw new InvalidArgumentException(what + ": \"" + tag.replaceAll("[\\p{Cntrl}]", "?")
                                + "\" is not a valid tag");
                    }
                    if (tags.size() == MAX_TAGS) {
                        throw new TooLargeException(what + ": more than " + MAX_TAGS + " tags");
                    }
                    tags.add(tag);
                }
            } catch (IOException e) {
                throw new InvalidArgumentException(what + ": unreadable answer: " + describe(e));
            }
            next = nextPage(response.headers().firstValue("Link").orElse(null), what);
        }
        return tags;
    }

    private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("[\\w][\\w.-]{0,127}");

    /** The target of a {@code Link: <URL>; rel="next"} header on this host, or null at the last page. */
    private String nextPage(String link, String what) {
        if (link == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?").matcher(link);
        if (!m.find()) {
            return null;
        }
        URI base = URI.create(base());
        URI to;
        try {
            to = base.resolve(m.group(1));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(what + ": the registry's next page is an invalid URL");
        }
        if (!sameHost(base, to)) {
            throw new InvalidArgumentException(what + ": the registry's next page is on another host ("
                    + to.getAuthority() + "), which Cairn refuses");
        }
        return to.toString();
    }

    /**
     * The blob {@code digest} of {@code size} bytes, as a stream that fails unless exactly those
     * bytes come ({@link VerifiedStream}); the caller closes it. Errors name {@code what}.
     */
    public InputStream blob(Digest digest, long size, String what) {
        HttpResponse<InputStream> response = send("GET", "/v2/" + path + "/blobs/" + digest, Map.of(), what, true);
        if (response.statusCode() != 200) {
            try (InputStream ignored = response.body()) {
                throw failure(response, what);
            } catch (IOException e) {
                throw transfer(e, what);
            }
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared >= 0 && declared != size) {
            try {
                response.body().close();
            } catch (IOException e) {
                // refused anyway
            }
            throw new InvalidArgumentException(what + ": the registry announces " + declared
                    + " bytes, the descriptor says " + size);
        }
        return new VerifiedStream(IdleWatch.watch(response.body(), client.config().limits().idleTimeout(), what),
                digest, size, what);
    }

    /**
     * Reads a blob stream's failure as the kind it is: a mismatch is bad content (400), a timeout or
     * a broken connection an unavailable registry (503).
     */
    public RuntimeException transfer(IOException e, String what) {
        if (e instanceof VerifiedStream.Mismatch) {
            return new InvalidArgumentException("registry " + registry() + ": " + e.getMessage());
        }
        if (e instanceof IdleWatch.TimedOut) {
            return new UnavailableException("registry " + registry() + ": " + e.getMessage());
        }
        return new UnavailableException("registry " + registry() + ": " + what + ": " + describe(e));
    }

    // ---- push

    /** Whether the repository has the blob {@code digest} ({@code HEAD}). */
    public boolean hasBlob(Digest digest) {
        String what = "blob " + digest;
        HttpResponse<InputStream> r = send("HEAD", "/v2/" + path + "/blobs/" + digest, Map.of(), what, true);
        discard(r);
        if (r.statusCode() == 200) {
            return true;
        }
        if (r.statusCode() == 404) {
            return false;
        }
        throw failure(r, "HEAD " + what);
    }

    /**
     * Asks the registry to mount {@code digest} from the repository {@code from} of the same
     * registry; false when it would not (it then answers with an upload session, which is dropped).
     */
    public boolean mount(Digest digest, String from) {
        String what = "mount of " + digest + " from " + from;
        // the registry checks pull rights on the source too: the token must name both repositories
        HttpResponse<InputStream> r = send("POST", "/v2/" + path + "/blobs/uploads/?mount=" + digest + "&from="
                + URLEncoder.encode(from, StandardCharsets.UTF_8), Map.of(), HttpRequest.BodyPublishers.noBody(), what,
                false, scope + " repository:" + from + ":pull");
        discard(r);
        if (r.statusCode() == 201) {
            return true;
        }
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            return false; // these credentials may not read the source: the blob is sent instead, as Docker does
        }
        if (r.statusCode() == 202) {
            r.headers().firstValue("Location").ifPresent(l -> discard(send("DELETE", absolute(l), Map.of(), what, false)));
            return false;
        }
        throw failure(r, what);
    }

    /** A blob sent: its digest and size, as the registry accepted them. */
    public record Sent(Digest digest, long size) {
    }

    /** The bytes of a blob as they are produced (compressed on the fly), with their digest once all are read. */
    public interface Producer {
        /** A fresh stream of the blob's bytes (called once). */
        InputStream open() throws IOException;

        /** The digest and size of what {@link #open()}'s stream gave, once it ended. */
        Sent result();
    }

    /**
     * Uploads a blob whose digest is known only once it is produced: {@code POST} a session,
     * {@code PATCH} the bytes as one streamed chunk, {@code PUT ?digest=} to close it.
     */
    public Sent uploadStreamed(Producer producer, String what) {
        String location = startUpload(what);
        HttpResponse<InputStream> patched = send("PATCH", location, Map.of("Content-Type", "application/octet-stream"),
                HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return producer.open();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }), what, false);
        discard(patched);
        if (patched.statusCode() != 202 && patched.statusCode() != 204) {
            throw failure(patched, "PATCH " + what);
        }
        Sent sent = producer.result();
        String next = absolute(patched.headers().firstValue("Location").orElse(location));
        finish(next, sent.digest(), HttpRequest.BodyPublishers.noBody(), what);
        return sent;
    }

    /** Uploads a blob in one request after its session starts: {@code PUT ?digest=} with the bytes (monolithic). */
    public void uploadMonolithic(Digest digest, byte[] bytes, String what) {
        String location = startUpload(what);
        finish(location, digest, HttpRequest.BodyPublishers.ofByteArray(bytes), what);
    }

    /** Puts the manifest under {@code reference} (a tag); returns the digest the registry names it by. */
    public Digest putManifest(String reference, String mediaType, byte[] bytes) {
        String what = "manifest " + registry() + "/" + path + ":" + reference;
        HttpResponse<InputStream> r = send("PUT", "/v2/" + path + "/manifests/" + reference,
                Map.of("Content-Type", mediaType), HttpRequest.BodyPublishers.ofByteArray(bytes), what, false);
        discard(r);
        if (r.statusCode() != 201 && r.statusCode() != 200) {
            throw failure(r, "PUT " + what);
        }
        Digest ours = Digest.sha256(bytes);
        String theirs = r.headers().firstValue("Docker-Content-Digest").orElse(ours.toString());
        if (!theirs.equals(ours.toString())) {
            throw new InvalidArgumentException(what + ": the registry names it " + theirs + " but its bytes hash to " + ours);
        }
        return ours;
    }

    private String startUpload(String what) {
        HttpResponse<InputStream> r = send("POST", "/v2/" + path + "/blobs/uploads/", Map.of(),
                HttpRequest.BodyPublishers.noBody(), what, false);
        discard(r);
        if (r.statusCode() != 202) {
            throw failure(r, "POST upload of " + what);
        }
        return absolute(r.headers().firstValue("Location").orElseThrow(() -> new InvalidArgumentException(
                what + ": registry " + registry() + " started an upload without a Location")));
    }

    private void finish(String location, Digest digest, HttpRequest.BodyPublisher body, String what) {
        String sep = location.contains("?") ? "&" : "?";
        HttpResponse<InputStream> r = send("PUT", location + sep + "digest=" + digest,
                Map.of("Content-Type", "application/octet-stream"), body, what, false);
        discard(r);
        if (r.statusCode() != 201 && r.statusCode() != 204) {
            throw failure(r, "PUT " + what);
        }
    }

    /** A Location header made absolute against the host's base; only the same host is accepted. */
    private String absolute(String location) {
        URI base = URI.create(base());
        URI to = base.resolve(location);
        if (!sameHost(base, to)) {
            throw new InvalidArgumentException("registry " + registry() + " sent an upload to another host ("
                    + to.getAuthority() + "), which Cairn refuses");
        }
        return to.toString();
    }

    // ---- the exchange

    /**
     * Sends a request to the current host, authorising it as the host's challenge asks (asking a
     * second time after a 401 with a new challenge) and, with {@code redirects}, following
     * redirects the policy allows. The caller closes the body.
     */
    HttpResponse<InputStream> send(String method, String target, Map<String, String> headers, String what,
                                   boolean redirects) {
        return send(method, target, headers, HttpRequest.BodyPublishers.noBody(), what, redirects);
    }

    HttpResponse<InputStream> send(String method, String target, Map<String, String> headers,
                                   HttpRequest.BodyPublisher body, String what, boolean redirects) {
        return send(method, target, headers, body, what, redirects, scope);
    }

    /** As {@link #send}, with a token for {@code scopes} (space-separated) rather than the repository's own. */
    private HttpResponse<InputStream> send(String method, String target, Map<String, String> headers,
                                           HttpRequest.BodyPublisher body, String what, boolean redirects,
                                           String scopes) {
        String base = base();
        URI uri = target.startsWith("http://") || target.startsWith("https://") ? URI.create(target)
                : URI.create(base + target);
        for (int attempt = 0; ; attempt++) {
            HttpRequest.Builder request = request(method, uri, headers, body);
            authorization(sameHost(uri, URI.create(base)), scopes).ifPresent(a -> request.header("Authorization", a));
            HttpResponse<InputStream> response = exchange(request.build(), what);
            if (response.statusCode() == 401 && attempt == 0) {
                Optional<Challenge> challenge = Challenge.pick(response.headers().allValues("WWW-Authenticate"));
                if (challenge.isPresent()) {
                    discard(response);
                    client.challenge(authority(), challenge.get());
                    client.tokens().forget(tokenKey(challenge.get(), scopes));
                    continue;
                }
            }
            if (redirects && isRedirect(response.statusCode())) {
                return follow(method, uri, response, what, 0, scopes);
            }
            return response;
        }
    }

    private HttpResponse<InputStream> follow(String method, URI from, HttpResponse<InputStream> response, String what,
                                             int hops, String scopes) {
        discard(response);
        if (hops >= MAX_REDIRECTS) {
            throw new InvalidArgumentException(what + ": registry " + registry() + " redirected more than "
                    + MAX_REDIRECTS + " times");
        }
        String location = response.headers().firstValue("Location").orElseThrow(() -> new InvalidArgumentException(
                what + ": registry " + registry() + " redirected without a Location"));
        URI to;
        try {
            to = from.resolve(location);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(what + ": registry " + registry() + " redirected to an invalid URL");
        }
        if (!RedirectPolicy.allowed(from, to)) {
            throw new InvalidArgumentException(what + ": registry " + registry() + " redirected to " + to.getScheme()
                    + "://" + to.getAuthority() + ", which Cairn refuses (" + RedirectPolicy.RULE + ")");
        }
        HttpRequest.Builder request = request(method, to, Map.of(), HttpRequest.BodyPublishers.noBody());
        if (sameHost(from, to)) {
            authorization(true, scopes).ifPresent(a -> request.header("Authorization", a));
        }
        HttpResponse<InputStream> next = exchange(request.build(), what);
        return isRedirect(next.statusCode()) ? follow(method, to, next, what, hops + 1, scopes) : next;
    }

    private HttpRequest.Builder request(String method, URI uri, Map<String, String> headers,
                                        HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(client.config().limits().headersTimeout())
                .header("User-Agent", "cairn/0.1 (docker-compatible)")
                .method(method, body);
        headers.forEach(request::header);
        return request;
    }

    private HttpResponse<InputStream> exchange(HttpRequest request, String what) {
        try {
            return client.client(authority()).send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new UnavailableException("registry " + registry() + ": " + what + ": no answer within "
                    + client.config().limits().headersTimeout().toSeconds() + " s");
        } catch (IOException e) {
            throw new UnavailableException("registry " + registry() + ": " + what + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("registry " + registry() + ": " + what + ": interrupted");
        }
    }

    /** {@code scheme://host}, asking the host's {@code /v2/} first when its scheme is not known yet. */
    private String base() {
        if (host.startsWith("http://") || host.startsWith("https://")) {
            return host;
        }
        String known = client.knownScheme(host);
        if (known != null) {
            return known + "://" + host;
        }
        IOException last = null;
        List<String> schemes = client.schemesFor(host);
        for (String scheme : schemes) {
            // a plain-HTTP server may never answer a TLS hello: when HTTP is still to be tried, wait little
            java.time.Duration wait = scheme.equals("https") && schemes.size() > 1
                    ? min(client.config().limits().headersTimeout(), PROBE_TIMEOUT) : client.config().limits().headersTimeout();
            try {
                HttpRequest ping = HttpRequest.newBuilder(URI.create(scheme + "://" + host + "/v2/"))
                        .timeout(wait).GET().build();
                HttpResponse<InputStream> answer = client.client(host).send(ping, HttpResponse.BodyHandlers.ofInputStream());
                discard(answer);
                if (answer.statusCode() == 401) {
                    Challenge.pick(answer.headers().allValues("WWW-Authenticate"))
                            .ifPresent(c -> client.challenge(host, c));
                }
                client.rememberScheme(host, scheme);
                return scheme + "://" + host;
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UnavailableException("registry " + host + ": interrupted");
            }
        }
        throw new UnavailableException("cannot reach registry " + host + ": " + describe(last)
                + (client.insecure(host) ? "" : " (plain HTTP is used only for loopback and --insecure-registry hosts)"));
    }

    /** The host part the challenge and the HTTP client are kept under. */
    private String authority() {
        return host.replaceFirst("^https?://", "");
    }

    private Optional<String> authorization(boolean sameHost, String scopes) {
        if (!sameHost) {
            return Optional.empty();
        }
        Challenge challenge = client.challenge(authority());
        if (challenge == null) {
            return Optional.empty();
        }
        if (challenge.scheme().equals("basic")) {
            return credentials.anonymous() ? Optional.empty() : Optional.of(credentials.basic());
        }
        return Optional.of("Bearer " + token(challenge, scopes));
    }

    private String tokenKey(Challenge challenge, String scopes) {
        return challenge.param("realm") + "|" + challenge.param("service") + "|" + scopes + "|" + credentials.username();
    }

    /**
     * A bearer token for {@code scopes} (space-separated; each goes to the token server as its own
     * {@code scope} parameter, as Docker sends them), from the cache or the challenge's token server.
     */
    private String token(Challenge challenge, String scopes) {
        String key = tokenKey(challenge, scopes);
        String cached = client.tokens().get(key);
        if (cached != null) {
            return cached;
        }
        URI realm;
        try {
            realm = URI.create(challenge.param("realm"));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("registry " + registry() + " names an invalid token realm");
        }
        if (!"https".equals(realm.getScheme()) && !("http".equals(realm.getScheme())
                && (client.insecure(realm.getAuthority()) || client.insecure(authority())))) {
            throw new InvalidArgumentException("registry " + registry() + " asks for a token from " + realm.getScheme()
                    + "://" + realm.getAuthority() + ": credentials go to a token server over HTTPS only"
                    + " (or plain HTTP for loopback and --insecure-registry hosts)");
        }
        StringBuilder query = new StringBuilder("service=").append(encode(challenge.param("service")));
        for (String one : scopes.split(" ")) {
            if (!one.isEmpty()) {
                query.append("&scope=").append(encode(one));
            }
        }
        HttpRequest.Builder request;
        if (!credentials.identityToken().isEmpty()) {
            String form = "grant_type=refresh_token&client_id=cairn&" + query + "&refresh_token="
                    + encode(credentials.identityToken());
            request = HttpRequest.newBuilder(realm).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            String sep = realm.getRawQuery() == null ? "?" : "&";
            request = HttpRequest.newBuilder(URI.create(realm + sep + query)).GET();
            if (!credentials.anonymous()) {
                request.header("Authorization", credentials.basic());
            }
        }
        request.timeout(client.config().limits().headersTimeout());
        String what = "token for " + scopes + " from " + realm.getAuthority();
        HttpResponse<InputStream> response;
        try {
            response = client.client(realm.getAuthority()).send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new UnavailableException("registry " + registry() + ": " + what + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException(what + ": interrupted");
        }
        try (InputStream body = response.body()) {
            byte[] bytes = IdleWatch.watch(body, client.config().limits().idleTimeout(), what).readNBytes(MAX_ERROR_BODY + 1);
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                throw new InvalidArgumentException("unauthorized: the token server " + realm.getAuthority()
                        + " refused the credentials for " + scopes);
            }
            if (response.statusCode() != 200 || bytes.length > MAX_ERROR_BODY) {
                throw new UnavailableException(what + ": HTTP " + response.statusCode());
            }
            JsonNode json = Mappers.STRICT.readTree(bytes);
            String token = json.path("token").asText(json.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new InvalidArgumentException(what + ": the answer holds no token");
            }
            client.tokens().put(key, token, json.path("expires_in").asLong(60));
            return token;
        } catch (IOException e) {
            throw new InvalidArgumentException(what + ": unreadable answer: " + describe(e));
        }
    }

    /** The failure an unexpected answer means, with the registry's own error message. */
    CairnException failure(HttpResponse<InputStream> response, String what) {
        String detail = errorDetail(response);
        int status = response.statusCode();
        String message = what + ": " + (detail.isEmpty() ? "HTTP " + status : detail) + " (registry " + registry() + ")";
        return switch (status) {
            case 401, 403 -> new InvalidArgumentException("unauthorized: " + message
                    + (credentials.anonymous() ? "; log in with 'cairn login " + registry() + "'" : denied(response)));
            case 404 -> new NotFoundException(message);
            case 400, 405, 406, 409, 411, 412, 413, 415, 416 -> new InvalidArgumentException(message);
            default -> new UnavailableException(message);
        };
    }

    /**
     * Why known credentials were refused, when the registry says: a token that lacks the scope means
     * the token server did not grant it to this user (a read-only user's push), not a bad password.
     */
    private String denied(HttpResponse<InputStream> response) {
        return Challenge.pick(response.headers().allValues("WWW-Authenticate"))
                .filter(c -> c.param("error").equals("insufficient_scope"))
                .map(c -> "; access denied: the token server did not grant " + credentials.username()
                        + (c.param("scope").isEmpty() ? " this access" : " " + c.param("scope").replaceAll("[\\p{Cntrl}]", "?")))
                .orElse("");
    }

    private static String errorDetail(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_ERROR_BODY);
            JsonNode errors = Mappers.STRICT.readTree(bytes).path("errors");
            StringBuilder out = new StringBuilder();
            for (JsonNode e : errors) {
                if (out.length() > 0) {
                    out.append("; ");
                }
                out.append(e.path("code").asText("").toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
                String m = e.path("message").asText("");
                if (!m.isEmpty()) {
                    out.append(": ").append(m);
                }
            }
            return out.toString().replaceAll("[\\p{Cntrl}]", "?");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    static void discard(HttpResponse<InputStream> response) {
        try (InputStream body = response.body()) {
            body.readNBytes(MAX_ERROR_BODY);
        } catch (IOException e) {
            // the connection is dropped rather than reused
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static java.time.Duration min(java.time.Duration a, java.time.Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    static boolean sameHost(URI a, URI b) {
        return a.getScheme().equals(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost()) && a.getPort() == b.getPort();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String m = e.getMessage();
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return m == null || m.isEmpty() ? e.getClass().getSimpleName() : m;
    }
}
