package io.cairn.engine.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.json.Mappers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a client lends the daemon for one request to a registry: a user name and password, or an
 * identity token. Never journaled, logged or echoed: {@link #toString()} hides the secrets.
 *
 * @param username      empty when anonymous
 * @param password      empty when anonymous
 * @param identityToken a refresh token a token server issued at login, or empty
 */
public record Credentials(String username, String password, String identityToken) {

    /** No credentials: anonymous access. */
    public static final Credentials ANONYMOUS = new Credentials("", "", "");

    public Credentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        identityToken = identityToken == null ? "" : identityToken;
    }

    public boolean anonymous() {
        return username.isEmpty() && password.isEmpty() && identityToken.isEmpty();
    }

    /** {@code Basic base64(user:password)}. */
    String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The Engine API's {@code X-Registry-Auth} header: base64url (padding optional; some clients
     * send the standard alphabet) of {@code {"username","password","identitytoken",...}}. Absent,
     * empty or {@code {}} means anonymous.
     */
    public static Credentials fromHeader(String header) {
        if (header == null || header.isBlank()) {
            return ANONYMOUS;
        }
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(header.trim().replace('+', '-').replace('/', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("X-Registry-Auth: not base64: " + e.getMessage());
        }
        return fromJson(json, "X-Registry-Auth");
    }

    /** An AuthConfig object ({@code POST /auth}'s body, or the header decoded). */
    public static Credentials fromJson(byte[] json, String what) {
        JsonNode node;
        try {
            node = Mappers.STRICT.readTree(json);
        } catch (java.io.IOException e) {
            throw new InvalidArgumentException(what + ": not a JSON object");
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return ANONYMOUS;
        }
        if (!node.isObject()) {
            throw new InvalidArgumentException(what + ": not a JSON object");
        }
        return fromNode(node, what);
    }

    /** An AuthConfig object already parsed ({@code what} names it in errors, never its content). */
    static Credentials fromNode(JsonNode node, String what) {
        String user = text(node, "username");
        String password = text(node, "password");
        String auth = text(node, "auth");
        if (user.isEmpty() && password.isEmpty() && !auth.isEmpty()) {
            // the config file's form: base64(user:password)
            String pair;
            try {
                pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidArgumentException(what + ": \"auth\" is not base64");
            }
            int colon = pair.indexOf(':');
            if (colon > 0) {
                user = pair.substring(0, colon);
                password = pair.substring(colon + 1);
            }
        }
        return new Credentials(user, password, text(node, "identitytoken"));
    }

    private static String text(JsonNode node, String field) {
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equalsIgnoreCase(field) && e.getValue().isTextual()) {
                return e.getValue().asText();
            }
        }
        return "";
    }

    @Override
    public String toString() {
        return anonymous() ? "Credentials[anonymous]" : "Credentials[user=" + username + ", secrets hidden]";
    }
}
