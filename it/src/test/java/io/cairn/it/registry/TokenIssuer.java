package io.cairn.it.registry;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A token server for docker-registry's {@code token} auth mode, as Docker Hub's {@code auth.docker.io}
 * behaves: {@code GET /token?service=&scope=repository:NAME:ACTIONS} (scope repeatable) with basic
 * credentials answers {@code {"token": JWT, "expires_in": 60}}; wrong credentials get 401; no
 * credentials get a token that grants nothing. The JWT is RS256-signed with the key whose
 * self-signed certificate the registry's {@code rootcertbundle} holds, and names it by {@code kid},
 * the libtrust key ID distribution looks trusted keys up by. Each user is granted only the actions
 * it is allowed, per repository asked. Every request is recorded so that tests can count them.
 */
final class TokenIssuer implements AutoCloseable {

    static final String SERVICE = "cairn-test";
    static final String ISSUER = "cairn-test-issuer";

    /** One request as the issuer saw it: the user (empty: anonymous; {@code !user} refused) and the scopes. */
    record Issued(String user, List<String> scopes, String token) {
    }

    private record User(String password, Set<String> actions) {
    }

    private final HttpServer server;
    private final PrivateKey key;
    private final String keyId;
    private final Map<String, User> users;
    private final List<Issued> issued = Collections.synchronizedList(new ArrayList<>());

    private TokenIssuer(HttpServer server, PrivateKey key, String keyId, Map<String, User> users) {
        this.server = server;
        this.key = key;
        this.keyId = keyId;
        this.users = users;
    }

    /**
     * Starts on 127.0.0.1 with a free port, signing with the PKCS#8 PEM {@code keyFile} whose
     * certificate is {@code certFile}. {@code writer} may pull and push, {@code reader} only pull.
     */
    static TokenIssuer start(Path keyFile, Path certFile, String writer, String writerPassword, String reader,
                             String readerPassword) throws Exception {
        String pem = Files.readString(keyFile).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile)));
        HttpServer server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 16);
        TokenIssuer issuer = new TokenIssuer(server, key, libtrustKeyId(cert.getPublicKey().getEncoded()), Map.of(
                writer, new User(writerPassword, Set.of("pull", "push")),
                reader, new User(readerPassword, Set.of("pull"))));
        server.createContext("/token", issuer::handle);
        server.start();
        return issuer;
    }

    /** {@code http://127.0.0.1:PORT/token}: the registry's realm. */
    String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** Every request so far, refused ones included. */
    List<Issued> issued() {
        synchronized (issued) {
            return List.copyOf(issued);
        }
    }

    /** How many tokens {@code user} was issued for exactly {@code scope}. */
    long count(String user, String scope) {
        return count(user, List.of(scope));
    }

    /** How many tokens {@code user} was issued for exactly these scopes, in this order. */
    long count(String user, List<String> scopes) {
        return issued().stream().filter(i -> i.user().equals(user) && i.scopes().equals(scopes)).count();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            x.getRequestBody().readAllBytes();
            List<String> scopes = new ArrayList<>();
            String service = "";
            String query = x.getRequestURI().getRawQuery();
            for (String pair : query == null ? new String[0] : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (name.equals("scope")) {
                    scopes.addAll(List.of(value.split(" "))); // several scopes may share one parameter
                } else if (name.equals("service")) {
                    service = value;
                }
            }
            if (!service.equals(SERVICE)) {
                answer(x, 400, "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"unknown service\"}]}");
                return;
            }
            String user = "";
            Set<String> allowed = Set.of();
            String authorization = x.getRequestHeaders().getFirst("Authorization");
            if (authorization != null) {
                String pair = authorization.startsWith("Basic ")
                        ? new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8) : ":";
                int colon = pair.indexOf(':');
                User known = users.get(pair.substring(0, Math.max(colon, 0)));
                if (colon <= 0 || known == null || !known.password().equals(pair.substring(colon + 1))) {
                    issued.add(new Issued("!" + pair.substring(0, Math.max(colon, 0)), scopes, ""));
                    x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"" + SERVICE + "\"");
                    answer(x, 401, "{\"details\":\"incorrect username or password\"}");
                    return;
                }
                user = pair.substring(0, colon);
                allowed = known.actions();
            }
            String token = token(user, scopes, allowed);
            issued.add(new Issued(user, scopes, token));
            answer(x, 200, "{\"token\":\"" + token + "\",\"expires_in\":60,\"issued_at\":\"" + Instant.now() + "\"}");
        } catch (Exception e) {
            answer(x, 500, "{\"details\":\"" + e.getClass().getSimpleName() + "\"}");
        }
    }

    /** A JWT granting, per repository asked, the asked actions this user may take (none anonymous). */
    private String token(String user, List<String> scopes, Set<String> allowed) throws Exception {
        ObjectNode header = OciLayout.JSON.createObjectNode().put("typ", "JWT").put("alg", "RS256").put("kid", keyId);
        long now = Instant.now().getEpochSecond();
        ObjectNode claims = OciLayout.JSON.createObjectNode().put("iss", ISSUER).put("sub", user).put("aud", SERVICE)
                .put("exp", now + 60).put("nbf", now - 5).put("iat", now).put("jti", UUID.randomUUID().toString());
        ArrayNode access = claims.putArray("access");
        for (String scope : scopes) {
            String[] parts = scope.split(":");
            if (parts.length != 3 || !parts[0].equals("repository")) {
                continue;
            }
            Set<String> granted = new LinkedHashSet<>(List.of(parts[2].split(",")));
            granted.retainAll(allowed);
            if (!granted.isEmpty()) {
                ObjectNode entry = access.addObject().put("type", "repository").put("name", parts[1]);
                granted.forEach(entry.putArray("actions")::add);
            }
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signed = b64.encodeToString(OciLayout.JSON.writeValueAsBytes(header)) + "."
                + b64.encodeToString(OciLayout.JSON.writeValueAsBytes(claims));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + b64.encodeToString(rsa.sign());
    }

    /**
     * libtrust's key ID, by which distribution finds a {@code rootcertbundle} key named in a JWT's
     * {@code kid}: the SHA-256 of the DER public key, its first 240 bits in base32 (48 characters,
     * no padding), in groups of 4 joined by colons.
     */
    static String libtrustKeyId(byte[] pkix) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(pkix);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        StringBuilder b32 = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < 30; i++) {
            buffer = (buffer << 8) | (hash[i] & 0xff);
            bits += 8;
            while (bits >= 5) {
                b32.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < b32.length(); i += 4) {
            id.append(i == 0 ? "" : ":").append(b32, i, i + 4);
        }
        return id.toString();
    }

    private static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
