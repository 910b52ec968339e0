package io.cairn.it.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.it.BusyboxImage;
import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import io.cairn.it.Scratch;
import io.cairn.it.network.Net;
import io.cairn.testing.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Debian's docker-compose 1.29 (Python, docker-py, API 1.38) brings a two-service project up against
 * Cairn and tears it down: a web server serving a page from a named volume on a published port, and
 * a client that reaches it by service name on the project network. Compose never pulls: the image is
 * the local busybox tag. {@code ps}, {@code logs} and {@code down -v} work, and nothing of the project
 * is left in Cairn afterwards (containers, network, volume, namespaces).
 *
 * <p>The endpoints docker-compose calls here (its {@code --verbose} names docker-py's methods; docs/API.md's
 * "Covered by" column is read from this list): GET /version (docker-py negotiates, then speaks 1.43),
 * GET /info, GET /events,
 * POST /networks/create, GET /networks/{id}, DELETE /networks/{id}, POST /networks/{id}/connect,
 * POST /networks/{id}/disconnect, POST /volumes/create, GET /volumes/{name}, DELETE /volumes/{name},
 * GET /images/{name*}/json, GET /containers/json, POST /containers/create, GET /containers/{id}/json,
 * POST /containers/{id}/start, POST /containers/{id}/stop, GET /containers/{id}/logs,
 * DELETE /containers/{id}; {@code run} hands the one-off container to the docker CLI
 * ({@code docker start --attach}: POST /containers/{id}/attach, POST /containers/{id}/wait).
 */
class ComposeIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** busybox-static's wget segfaults in a container: nslookup resolves the service, nc fetches the page. */
    private static final String CLIENT = "for i in $$(seq 50); do"
            + " ip=$$(nslookup web 2>/dev/null | awk '/^Address/ && !/#53|:53/ {a=$$2} END {print a}');"
            + " [ -n \"$$ip\" ] && printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc -w 3 $$ip 80 | grep hello && exit 0;"
            + " sleep 0.2; done; exit 1";

    @Test
    void composeBringsUpAWebServerAndAClientByServiceNameThenDownRemovesEverything() throws Exception {
        Path compose = Tools.require("docker-compose", "apt-get install -y --no-install-recommends docker-compose");
        // compose's run and exec hand the terminal to the docker CLI, found on the PATH
        Tools.require("docker", "apt-get install -y docker.io (the docker CLI)");
        Tools.require("runc", "apt-get install -y runc");
        Tools.require("conmon", "apt-get install -y conmon");
        Tools.require("iptables", "apt-get install -y iptables");
        Tools.requireFile(Path.of("/usr/lib/podman/netavark"), "apt-get install -y netavark");
        Tools.requireFile(Path.of("/usr/lib/podman/aardvark-dns"), "apt-get install -y aardvark-dns");
        Path work = Files.createTempDirectory(Path.of("/tmp"), "cairn-compose-");
        String project = "cz" + Long.toHexString(System.nanoTime() & 0xffffffL);
        try (Cairn cairn = Cairn.withDefaultBridge()) {
            cairn.startDaemon();
            BusyboxImage.importAs(cairn, "bb:compose");
            int port = Net.freePort();
            Path file = work.resolve("docker-compose.yml");
            Files.writeString(file, composeFile(port));
            Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + cairn.root().resolve("cairn.sock"),
                    "COMPOSE_PROJECT_NAME", project, "DOCKER_CONFIG", Files.createDirectories(work.resolve("cfg"))
                            .toString());
            List<String> base = List.of(compose.toString(), "--no-ansi", "-f", file.toString());
            try {
                ok(run(base, env, "up", "-d"));

                String page = Net.fetch(port);
                assertEquals("hello from compose\n", page, "the published port serves the page from the volume");

                Exec.Result client = ok(cairn.run("wait", project + "_client_1"));
                assertEquals("0", client.out().trim(), "the client found the page: " + client);
                Exec.Result logs = ok(run(base, env, "logs", "--no-color", "client"));
                assertTrue(logs.out().lines().anyMatch(l -> l.matches("client_1\\s+\\| hello from compose")),
                        "the client fetched http://web/ by service name: " + logs.out());

                Exec.Result ps = ok(run(base, env, "ps"));
                String web = ps.out().lines().filter(l -> l.startsWith(project + "_web_1")).findFirst().orElse("");
                assertTrue(web.contains(" Up ") && web.contains("127.0.0.1:" + port + "->80/tcp"), ps.out());
                String clientRow = ps.out().lines().filter(l -> l.startsWith(project + "_client_1")).findFirst()
                        .orElse("");
                assertTrue(clientRow.contains("Exit 0"), ps.out());
                assertEquals(2, ok(run(base, env, "ps", "-q")).lines().size());

                JsonNode volume = JSON.readTree(ok(cairn.run("volume", "inspect", project + "_site")).out()).get(0);
                assertEquals(project, volume.path("Labels").path("com.docker.compose.project").asText(),
                        volume.toString());
                JsonNode network = JSON.readTree(ok(cairn.run("network", "inspect", project + "_default")).out()).get(0);
                assertEquals(2, network.path("Containers").size(), network.toString());

                // a second up finds the project as it left it: the network's options are the file's (none)
                Exec.Result again = ok(run(base, env, "up", "-d", "web"));
                assertTrue(again.err().contains(project + "_web_1 is up-to-date"), again.toString());
                Exec.Result oneOff = ok(run(base, env, "run", "--rm", "-T", "client"));
                assertTrue(oneOff.out().contains("hello from compose"), oneOff.toString());

                Exec.Result down = ok(run(base, env, "down", "-v"));
                assertTrue(down.err().contains("Removing network " + project + "_default"), down.toString());
                assertTrue(down.err().contains("Removing volume " + project + "_site"), down.toString());

                // driver options Cairn lacks are refused by name, never created without them
                for (String[] refused : new String[][] {
                        {"networks:\n  default:\n    driver_opts:\n      com.docker.network.bridge.name: mine\n",
                                "network create: driver options are not supported"},
                        {"volumes:\n  data:\n    driver_opts:\n      type: tmpfs\n",
                                "driver option \"type\": the local driver of Cairn takes no options"}}) {
                    Path bad = work.resolve("refused.yml");
                    Files.writeString(bad, "services:\n  one:\n    image: bb:compose\n    volumes: [\"data:/d\"]\n"
                            + refused[0] + (refused[0].startsWith("volumes") ? "" : "volumes:\n  data:\n"));
                    Exec.Result r = run(List.of(compose.toString(), "--no-ansi", "-f", bad.toString()), env, "up", "-d");
                    assertEquals(1, r.exit(), r.toString());
                    assertTrue(r.err().contains(refused[1]), r.toString());
                    assertEquals("", ok(cairn.run("ps", "-aq")).out(), "nothing ran without the options: " + r);
                    run(List.of(compose.toString(), "--no-ansi", "-f", bad.toString()), env, "down", "-v");
                }
            } finally {
                run(base, env, "down", "-v", "-t", "1");
                removeLeftovers(cairn, project);
            }
            assertEquals("", ok(cairn.run("ps", "-aq")).out(), "containers left");
            Exec.Result net = cairn.run("network", "inspect", project + "_default");
            assertEquals(1, net.exit(), "the project network is gone: " + net);
            assertEquals("", ok(cairn.run("volume", "ls", "-q")).out(), "the named volume is gone");
            assertEquals(List.of(), netnsFiles(cairn));
            assertEquals(List.of(), BusyboxImage.leftovers(cairn));
        } finally {
            Scratch.delete(work);
        }
    }

    private static String composeFile(int port) {
        // $$ is compose's escape of a literal $ (no variable substitution)
        return String.join("\n",
                "services:",
                "  web:",
                "    image: bb:compose",
                "    command: [\"sh\", \"-c\", \"echo hello from compose > /www/index.html && exec httpd -f -p 80 -h /www\"]",
                "    volumes:",
                "      - site:/www",
                "    ports:",
                "      - \"127.0.0.1:" + port + ":80\"",
                "  client:",
                "    image: bb:compose",
                "    depends_on: [web]",
                "    command: [\"sh\", \"-c\", " + yamlString(CLIENT) + "]",
                "volumes:",
                "  site:",
                "");
    }

    private static String yamlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static Exec.Result run(List<String> base, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(base);
        cmd.addAll(List.of(args));
        return Exec.run(cmd, env);
    }

    private static Exec.Result ok(Exec.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    /** What {@code down -v} did not remove (after a failure): the project's containers, network and volume. */
    private static void removeLeftovers(Cairn cairn, String project) throws Exception {
        for (String id : cairn.run("ps", "-aq", "--filter", "label=com.docker.compose.project=" + project).lines()) {
            cairn.run("rm", "-f", id);
        }
        cairn.run("network", "rm", project + "_default");
        cairn.run("volume", "rm", "-f", project + "_site");
    }

    private static List<String> netnsFiles(Cairn cairn) throws IOException {
        Path dir = cairn.root().resolve("netns");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(Path::toString).toList();
        }
    }
}
