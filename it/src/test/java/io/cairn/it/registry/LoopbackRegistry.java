package io.cairn.it.registry;

import io.cairn.testing.Tools;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code docker-registry} on 127.0.0.1 with a free port and storage in a temp directory,
 * its YAML configuration written here, its access log kept so a test can count requests, stopped
 * by its PID on {@link #close()}.
 */
public final class LoopbackRegistry implements AutoCloseable {

    private static final Pattern ACCESS = Pattern.compile("\"([A-Z]+) (\\S+) HTTP/1\\.1\" (\\d+)");

    /** One request of the access log. */
    public record Request(String method, String path, int status) {
    }

    private final Path dir;
    private final int port;
    private final Process process;

    private LoopbackRegistry(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** A plain-HTTP registry storing under {@code dir}; {@code extraYaml} is appended at the top level. */
    static LoopbackRegistry start(Path dir, String extraYaml, String tlsYaml) throws Exception {
        Path binary = Tools.require("docker-registry", "apt-get install -y docker-registry");
        Files.createDirectories(dir.resolve("data"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                log:
                  level: info
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                %s
                %s
                """.formatted(dir.resolve("data"), port, tlsYaml, extraYaml));
        Process p = new ProcessBuilder(binary.toString(), "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LoopbackRegistry registry = new LoopbackRegistry(dir, port, p);
        long deadline = System.currentTimeMillis() + 15_000;
        while (!registry.listening()) {
            if (!p.isAlive() || System.currentTimeMillis() > deadline) {
                registry.close();
                throw new AssertionError("docker-registry did not start:\n" + Files.readString(dir.resolve("registry.log")));
            }
            Thread.sleep(50);
        }
        return registry;
    }

    public static LoopbackRegistry start(Path dir) throws Exception {
        return start(dir, "", "");
    }

    private boolean listening() {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code 127.0.0.1:PORT}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** Every request the registry logged so far, in order. */
    public List<Request> requests() throws IOException {
        return Files.readAllLines(dir.resolve("registry.log")).stream()
                .filter(l -> !l.startsWith("time="))
                .map(ACCESS::matcher).filter(Matcher::find)
                .map(m -> new Request(m.group(1), m.group(2), Integer.parseInt(m.group(3))))
                .toList();
    }

    /** The registry's log as it is now: what it said about a request it refused. */
    String log() throws IOException {
        return Files.readString(dir.resolve("registry.log"));
    }

    /** GETs of blobs (layer and config downloads) since the log had {@code from} requests. */
    long blobGets(int from) throws IOException {
        return requests().stream().skip(from).filter(r -> r.method().equals("GET") && r.path().contains("/blobs/sha256:"))
                .count();
    }

    /** Requests that send blob bytes (upload starts, chunks and completions) since {@code from}. */
    long blobUploads(int from) throws IOException {
        return requests().stream().skip(from).filter(r -> (r.method().equals("POST") || r.method().equals("PATCH")
                || r.method().equals("PUT")) && r.path().contains("/blobs/uploads/")).count();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Whether {@code GET /v2/} answers (used by tests to wait). */
    boolean up() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://" + host() + "/v2/").toURL().openConnection();
            return c.getResponseCode() > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
