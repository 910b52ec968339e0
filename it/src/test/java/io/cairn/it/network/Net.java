package io.cairn.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.it.BusyboxImage;
import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import io.cairn.testing.Tools;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What the network ITs share: tools, a web server container, fetching from the host, leak checks. */
public final class Net {

    private Net() {
    }

    static void requireTools() {
        Tools.require("runc", "apt-get install -y runc");
        Tools.require("conmon", "apt-get install -y conmon");
        Tools.require("iptables", "apt-get install -y iptables");
        Tools.requireFile(Path.of("/usr/lib/podman/netavark"), "apt-get install -y netavark");
        Tools.requireFile(Path.of("/usr/lib/podman/aardvark-dns"), "apt-get install -y aardvark-dns");
    }

    /** Imports busybox as {@code bb}, exposing 80 (for {@code -P}). */
    static void importImage(Cairn cairn) throws Exception {
        BusyboxImage.importAs(cairn, "bb", "CMD [\"/bin/sh\"]", "EXPOSE 80");
    }

    /** The arguments of a container serving {@code hello NAME} with busybox httpd on port 80. */
    static List<String> web(String name, String... options) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name));
        args.addAll(List.of(options));
        args.addAll(List.of("bb", "sh", "-c", "mkdir -p /www && echo hello " + name
                + " > /www/index.html && exec httpd -f -p 80 -h /www"));
        return args;
    }

    /** A TCP port nothing on 127.0.0.1 listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** GETs {@code http://127.0.0.1:port/}, retrying while the server comes up (up to 20 s). */
    public static String fetch(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(3)).build();
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            try {
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYet;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no page on 127.0.0.1:" + port);
            }
            Thread.sleep(100);
        }
    }

    /** {@code iptables-save} lines (filter and nat) that mention {@code text}. */
    static List<String> rulesMentioning(String text) throws Exception {
        List<String> out = new ArrayList<>();
        for (String table : List.of("nat", "filter")) {
            Exec.Result r = Exec.run(List.of("iptables-save", "-t", table));
            assertEquals(0, r.exit(), r.toString());
            r.lines().stream().filter(l -> l.contains(text)).forEach(out::add);
        }
        return out;
    }

    /** Network namespace files left under the root. */
    static List<String> netnsFiles(Cairn cairn) throws IOException {
        Path dir = cairn.root().resolve("netns");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(Path::toString).toList();
        }
    }

    /** Whether a host interface is there. */
    static boolean link(String name) {
        return Files.exists(Path.of("/sys/class/net", name));
    }

    /**
     * The bridge interface of a network: the default bridge's inspect names it in its options; a user
     * network's options are the (no) driver options it was created with, its bridge {@code cr-<12 hex of its ID>}.
     */
    static String bridge(Cairn cairn, String network) throws Exception {
        JsonNode n = Jsons.read(cairn.run("network", "inspect", network).ok().out()).get(0);
        String named = n.path("Options").path("com.docker.network.bridge.name").asText("");
        return named.isEmpty() ? "cr-" + n.path("Id").asText().substring(0, 12) : named;
    }

    /** Removes every container and user network of the root, ignoring what is already gone. */
    static void removeAll(Cairn cairn) throws Exception {
        for (String id : cairn.run("ps", "-aq").lines()) {
            cairn.run("rm", "-f", id);
        }
        cairn.run("network", "prune", "-f");
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
