package io.cairn.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.api.InvalidArgumentException;
import io.cairn.cli.client.ApiClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI's credential store, shared with it: {@code $DOCKER_CONFIG/config.json} (default
 * {@code ~/.docker/config.json}). A host's credentials are kept by the helper {@code credHelpers}
 * names for it, else by the {@code credsStore} helper, else base64 in {@code auths} (file mode
 * 0600); helpers are the {@code docker-credential-NAME} programs with their {@code get},
 * {@code store} and {@code erase} protocol. Fields Cairn does not know are kept as they are.
 */
public final class DockerConfig {

    /** A user name and secret; a user name of {@code <token>} means the secret is an identity token. */
    public record Auth(String username, String secret) {
        boolean identityToken() {
            return "<token>".equals(username);
        }
    }

    private final Path file;
    private final ObjectNode root;

    private DockerConfig(Path file, ObjectNode root) {
        this.file = file;
        this.root = root;
    }

    /** The file of {@code $DOCKER_CONFIG}, or {@code ~/.docker/config.json}. */
    public static Path defaultFile() {
        String dir = System.getenv("DOCKER_CONFIG");
        return (dir != null && !dir.isEmpty() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".docker"))
                .resolve("config.json");
    }

    public static DockerConfig load() {
        return load(defaultFile());
    }

    public static DockerConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            // the node factory, not the mapper: every build asks for its registry header, and building
            // databind's mapper is ≈ 500 classes of a cached build's client start (docs/BENCHMARKS.md)
            return new DockerConfig(file, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        }
        try {
            JsonNode node = ApiClient.json().readTree(Files.readAllBytes(file));
            if (!(node instanceof ObjectNode object)) {
                throw new InvalidArgumentException(file + " is not a JSON object");
            }
            return new DockerConfig(file, object);
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** The credentials for {@code domain}, from its helper or {@code auths}. */
    public Optional<Auth> get(String domain) {
        return stored(Registries.configKey(domain));
    }

    /** The credentials stored under {@code key} exactly, from its helper or {@code auths}. */
    private Optional<Auth> stored(String key) {
        Optional<String> helper = helper(key);
        if (helper.isPresent()) {
            String out = runHelper(helper.get(), "get", key);
            if (out == null) {
                return Optional.empty();
            }
            try {
                JsonNode node = ApiClient.json().readTree(out);
                return Optional.of(new Auth(node.path("Username").asText(""), node.path("Secret").asText("")));
            } catch (IOException e) {
                throw new InvalidArgumentException("docker-credential-" + helper.get() + " answered something unreadable");
            }
        }
        JsonNode entry = root.path("auths").path(key);
        if (entry.isMissingNode() && key.equals(Registries.DOCKER_HUB_KEY)) {
            entry = root.path("auths").path("docker.io");
        }
        if (!entry.isObject()) {
            return Optional.empty();
        }
        String token = entry.path("identitytoken").asText("");
        String auth = entry.path("auth").asText("");
        String user = entry.path("username").asText("");
        String password = entry.path("password").asText("");
        if (!auth.isEmpty()) {
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException(file + ": the auth of " + key + " is not base64");
            }
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new InvalidArgumentException(file + ": the auth of " + key + " is not user:password");
            }
            user = pair.substring(0, colon);
            password = pair.substring(colon + 1);
        }
        if (!token.isEmpty()) {
            return Optional.of(new Auth("<token>", token));
        }
        return user.isEmpty() && password.isEmpty() ? Optional.empty() : Optional.of(new Auth(user, password));
    }

    /** Stores credentials for {@code domain} where the configuration says to. */
    public void store(String domain, Auth auth) {
        String key = Registries.configKey(domain);
        Optional<String> helper = helper(key);
        if (helper.isPresent()) {
            ObjectNode body = ApiClient.json().createObjectNode();
            body.put("ServerURL", key).put("Username", auth.username()).put("Secret", auth.secret());
            runHelper(helper.get(), "store", body.toString());
            ObjectNode auths = auths();
            if (!auths.has(key)) {
                auths.putObject(key); // as the docker CLI records that the helper holds one
            }
        } else {
            ObjectNode entry = auths().putObject(key);
            entry.put("auth", Base64.getEncoder().encodeToString(
                    (auth.username() + ":" + auth.secret()).getBytes(StandardCharsets.UTF_8)));
        }
        save();
    }

    /** Forgets {@code domain}'s credentials; false when there were none. */
    public boolean erase(String domain) {
        String key = Registries.configKey(domain);
        Optional<String> helper = helper(key);
        boolean had = root.path("auths").has(key);
        if (helper.isPresent()) {
            runHelper(helper.get(), "erase", key);
            had = true;
        }
        if (root.path("auths") instanceof ObjectNode auths) {
            auths.remove(key);
        }
        save();
        return had;
    }

    /**
     * The {@code X-Registry-Auth} header for {@code domain}: base64url of the AuthConfig JSON, or no
     * header when nothing is stored.
     */
    public Map<String, String> authHeader(String domain) {
        Optional<Auth> auth = get(domain);
        if (auth.isEmpty()) {
            return Map.of();
        }
        return Map.of("X-Registry-Auth", encode(auth.get(), domain));
    }

    /**
     * The {@code X-Registry-Config} header of a build: every credential this configuration holds
     * (its {@code auths}, each {@code credHelpers} host, what the {@code credsStore} helper lists),
     * keyed as stored, as the docker CLI sends them (it cannot know which registries the
     * Dockerfile's {@code FROM} lines name before the daemon parses it). No header when there are none.
     */
    public Map<String, String> registryConfigHeader() {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        root.path("auths").fieldNames().forEachRemaining(keys::add);
        root.path("credHelpers").fieldNames().forEachRemaining(keys::add);
        String store = root.path("credsStore").asText("");
        if (!store.isEmpty()) {
            try {
                String listed = runHelper(store, "list", "");
                if (listed != null) {
                    ApiClient.json().readTree(listed).fieldNames().forEachRemaining(keys::add);
                }
            } catch (IOException | InvalidArgumentException e) {
                // as the docker CLI: a store that cannot list does not fail a build that may not need it
            }
        }
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (String key : keys) {
            try {
                stored(key).ifPresent(auth -> all.put(key, authConfig(auth, key)));
            } catch (InvalidArgumentException e) {
                // one registry's broken helper or entry: the others are still sent, as the docker CLI does
            }
        }
        if (all.isEmpty()) {
            return Map.of();
        }
        try {
            return Map.of("X-Registry-Config", Base64.getUrlEncoder().encodeToString(ApiClient.json().writeValueAsBytes(all)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The AuthConfig JSON of {@code auth}, base64url: what the Engine API takes. */
    public static String encode(Auth auth, String domain) {
        try {
            return Base64.getUrlEncoder().encodeToString(ApiClient.json().writeValueAsBytes(authConfig(auth, domain)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> authConfig(Auth auth, String domain) {
        Map<String, String> config = new LinkedHashMap<>();
        if (auth.identityToken()) {
            config.put("identitytoken", auth.secret());
        } else {
            config.put("username", auth.username());
            config.put("password", auth.secret());
        }
        config.put("serveraddress", domain);
        return config;
    }

    private Optional<String> helper(String key) {
        String specific = root.path("credHelpers").path(key).asText("");
        if (!specific.isEmpty()) {
            return Optional.of(specific);
        }
        String store = root.path("credsStore").asText("");
        return store.isEmpty() ? Optional.empty() : Optional.of(store);
    }

    private ObjectNode auths() {
        JsonNode auths = root.path("auths");
        return auths instanceof ObjectNode o ? o : root.putObject("auths");
    }

    /** Runs {@code docker-credential-NAME ACTION} with {@code input}; null when {@code get} finds nothing. */
    private static String runHelper(String name, String action, String input) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new InvalidArgumentException("invalid credential helper name \"" + name + "\"");
        }
        String program = "docker-credential-" + name;
        try {
            Process p = new ProcessBuilder(program, action).redirectErrorStream(true).start();
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(1 << 20);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new InvalidArgumentException(program + " " + action + " did not finish within 30 s");
            }
            String text = new String(out, StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0) {
                if (action.equals("get") && text.contains("credentials not found")) {
                    return null;
                }
                throw new InvalidArgumentException(program + " " + action + " failed: " + text);
            }
            return text;
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot run " + program + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidArgumentException(program + " " + action + " interrupted");
        }
    }

    private void save() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "config.json", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, ApiClient.json().writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new InvalidArgumentException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
