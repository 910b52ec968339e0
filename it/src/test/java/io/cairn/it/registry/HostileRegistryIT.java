package io.cairn.it.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import io.cairn.it.Scratch;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A registry that lies, in this test's own process on 127.0.0.1: each repository misbehaves in
 * one way, and each pull of it must fail with a clear error and leave nothing behind: no image,
 * no layer, no blob in the stores, no download in {@code tmp/pulls}. The daemon runs with
 * {@code --registry-timeout 2} so the slow drip is cut after two seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileRegistryIT {

    private Path work;
    private HttpServer server;
    private Cairn cairn;
    private byte[] layer;
    private String layerDigest;
    private byte[] config;
    private String configDigest;

    @BeforeAll
    void setUp() throws Exception {
        work = Files.createTempDirectory(Path.of("/tmp"), "cairn-hostile-");
        layer = OciLayout.tarOf("etc/hostile", "x".repeat(200_000));
        layerDigest = "sha256:" + OciLayout.hex(layer);
        config = OciLayout.JSON.writeValueAsBytes(Map.of("architecture", PullIT.hostArch(), "os", "linux",
                "rootfs", Map.of("type", "layers", "diff_ids", List.of(layerDigest))));
        configDigest = "sha256:" + OciLayout.hex(config);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "hostile-registry");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
        cairn = new Cairn(work.resolve("root"));
        cairn.startDaemon("--registry-timeout", "2");
    }

    @AfterAll
    void tearDown() throws Exception {
        try (Cairn c = cairn) {
            if (server != null) {
                server.stop(0);
            }
        } finally {
            if (work != null) {
                Scratch.delete(work);
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "wrongdigest | does not match its digest",
            "truncated   | is truncated: got 1000 of",
            "longer      | is larger than its declared size",
            "toolarge    | is larger than the limit of 4194304 bytes",
            "manylayers  | lists 10000 layers; the limit is 1000",
            "redirect    | redirected to http://10.255.255.1:9, which Cairn refuses",
            "drip        | no data for 2.0 s",
            "badjson     | the manifest is not JSON",
            "schema1     | schema 1 is not supported"})
    void isRefusedWithNothingIndexed(String repository, String message) throws Exception {
        String host = "127.0.0.1:" + server.getAddress().getPort();
        Exec.Result pulled = cairn.run("pull", host + "/" + repository + ":1");
        assertEquals(1, pulled.exit(), pulled.toString());
        assertTrue(pulled.err().contains(message), pulled.toString());
        assertEquals("", cairn.run("images", "-a", "-q").ok().out(), "no image");
        assertEquals(List.of(), files(cairn.root().resolve("layers")), "no layer");
        assertEquals(List.of(), files(cairn.root().resolve("blobs")), "no blob");
        assertEquals(List.of(), files(cairn.root().resolve("tmp/pulls")), "no download left");
    }

    /** {@code pull -a} reads the tag list: its pages must end, stay on the host and name valid tags. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "tagloop      | the registry's pages do not end",
            "tagelsewhere | the registry's next page is on another host (10.255.255.1:9)",
            "tagbad       | \"../x\" is not a valid tag"})
    void aHostileTagListIsRefusedWithNothingIndexed(String repository, String message) throws Exception {
        String host = "127.0.0.1:" + server.getAddress().getPort();
        Exec.Result pulled = cairn.run("pull", "-a", host + "/" + repository);
        assertEquals(1, pulled.exit(), pulled.toString());
        assertTrue(pulled.err().contains(message), pulled.toString());
        assertEquals("", cairn.run("images", "-a", "-q").ok().out(), "no image");
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !Files.isDirectory(p)).map(Path::toString).toList();
        }
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String path = x.getRequestURI().getPath();
            if (path.equals("/v2/")) {
                send(x, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String[] parts = path.split("/");
            String repo = parts[2];
            if (path.endsWith("/tags/list")) {
                tags(x, repo);
            } else if (path.contains("/manifests/")) {
                manifest(x, repo);
            } else if (path.endsWith("/blobs/" + configDigest)) {
                send(x, 200, "application/octet-stream", config);
            } else if (path.endsWith("/blobs/" + layerDigest)) {
                blob(x, repo);
            } else {
                send(x, 404, "application/json", "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\"}]}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void manifest(HttpExchange x, String repo) throws IOException {
        String type = "application/vnd.oci.image.manifest.v1+json";
        switch (repo) {
            case "toolarge" -> {
                byte[] big = new byte[5 << 20];
                java.util.Arrays.fill(big, (byte) ' ');
                x.getResponseHeaders().set("Content-Type", type);
                x.sendResponseHeaders(200, 0); // chunked: no length to refuse it by
                try (OutputStream out = x.getResponseBody()) {
                    out.write(big);
                } catch (IOException e) {
                    // the client hung up once it had read past the limit
                }
            }
            case "badjson" -> send(x, 200, type, "{\"schemaVersion\":2,\"config\":".getBytes(StandardCharsets.UTF_8));
            case "schema1" -> send(x, 200, "application/vnd.docker.distribution.manifest.v1+prettyjws",
                    "{\"schemaVersion\":1,\"name\":\"x\",\"fsLayers\":[]}".getBytes(StandardCharsets.UTF_8));
            default -> {
                int count = repo.equals("manylayers") ? 10_000 : 1;
                List<Object> layers = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    layers.add(descriptor("application/vnd.oci.image.layer.v1.tar", layerDigest, layer.length));
                }
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("schemaVersion", 2);
                m.put("mediaType", type);
                m.put("config", descriptor("application/vnd.oci.image.config.v1+json", configDigest, config.length));
                m.put("layers", layers);
                send(x, 200, type, OciLayout.JSON.writeValueAsBytes(m));
            }
        }
    }

    private void tags(HttpExchange x, String repo) throws IOException {
        switch (repo) {
            case "tagloop" -> x.getResponseHeaders().set("Link", "</v2/tagloop/tags/list?n=1&last=1>; rel=\"next\"");
            case "tagelsewhere" -> x.getResponseHeaders().set("Link", "<http://10.255.255.1:9/v2/x/tags/list>; rel=\"next\"");
            default -> { }
        }
        String tag = repo.equals("tagbad") ? "../x" : "1";
        send(x, 200, "application/json", OciLayout.JSON.writeValueAsBytes(Map.of("name", repo, "tags", List.of(tag))));
    }

    private void blob(HttpExchange x, String repo) throws IOException {
        switch (repo) {
            case "wrongdigest" -> {
                byte[] other = layer.clone();
                other[other.length / 2] ^= 1;
                send(x, 200, "application/octet-stream", other);
            }
            case "truncated" -> chunked(x, java.util.Arrays.copyOf(layer, 1000));
            case "longer" -> {
                byte[] more = java.util.Arrays.copyOf(layer, layer.length + 10);
                chunked(x, more);
            }
            case "redirect" -> {
                x.getResponseHeaders().set("Location", "http://10.255.255.1:9/blob");
                x.sendResponseHeaders(307, -1);
            }
            case "drip" -> {
                x.sendResponseHeaders(200, layer.length);
                try (OutputStream out = x.getResponseBody()) {
                    for (int i = 0; i < layer.length; i++) {
                        out.write(layer[i]);
                        out.flush();
                        Thread.sleep(10_000);
                    }
                } catch (IOException | InterruptedException e) {
                    // the client gave up, as it should
                }
            }
            default -> send(x, 200, "application/octet-stream", layer);
        }
    }

    private static void chunked(HttpExchange x, byte[] body) throws IOException {
        x.sendResponseHeaders(200, 0);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, Object> descriptor(String type, String digest, long size) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mediaType", type);
        d.put("digest", digest);
        d.put("size", size);
        return d;
    }

    private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.sendResponseHeaders(status, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }
}
