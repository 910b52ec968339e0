package io.cairn.it.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.it.BusyboxImage;
import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import io.cairn.testing.Tools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stock docker CLI drives Cairn's networking: {@code run -d -p}, {@code port}, {@code network …}. */
class DockerCliNetworkIT {

    @Test
    void theDockerCliPublishesPortsAndManagesNetworks() throws Exception {
        Net.requireTools();
        Path docker = Tools.require("docker", "apt-get install -y docker.io");
        try (Cairn cairn = Cairn.withDefaultBridge()) {
            try {
                cairn.startDaemon();
                Net.importImage(cairn);
                Map<String, String> env = Map.of("DOCKER_HOST", "unix://" + cairn.root().resolve("cairn.sock"));
                int port = Net.freePort();
                // no --network: the docker CLI sends "default", the default bridge
                Exec.Result run = docker(docker, env, Net.web("dweb", "-p", "127.0.0.1:" + port + ":80"));
                assertEquals(0, run.exit(), run.toString());
                assertEquals("hello dweb\n", Net.fetch(port));
                assertEquals("80/tcp -> 127.0.0.1:" + port + "\n", docker(docker, env, List.of("port", "dweb")).ok().out());

                String since = docker(docker, env, List.of("info", "--format", "{{.SystemTime}}")).ok().out().strip();
                String id = docker(docker, env, List.of("network", "create", "--subnet", "10.213.31.0/24",
                        "--label", "test=docker", "dnet")).ok().out().trim();
                assertEquals(64, id.length(), id);
                String ls = docker(docker, env, List.of("network", "ls", "--format", "{{.Name}} {{.Driver}}")).ok().out();
                assertTrue(ls.contains("dnet bridge\n") && ls.contains("bridge bridge\n"), ls);
                assertTrue(ls.contains("host host\n") && ls.contains("none null\n"), "Docker's predefined three: " + ls);
                JsonNode host = Jsons.read(docker(docker, env, List.of("network", "inspect", "host")).ok().out()).get(0);
                assertEquals("host", host.path("Driver").asText());
                assertEquals(0, host.path("IPAM").path("Config").size(), host.toString());
                Exec.Result rmHost = docker(docker, env, List.of("network", "rm", "none"));
                assertTrue(rmHost.exit() != 0 && rmHost.err().contains("none is a pre-defined network and cannot be removed"),
                        rmHost.toString());
                docker(docker, env, List.of("run", "-d", "--name", "onhost", "--network", "host", "bb", "sleep", "600")).ok();
                JsonNode onHost = Jsons.read(docker(docker, env, List.of("network", "inspect", "host")).ok().out()).get(0);
                assertTrue(onHost.path("Containers").toString().contains("onhost"), onHost.toString());
                JsonNode hostSettings = Jsons.read(docker(docker, env, List.of("inspect", "onhost")).ok().out()).get(0);
                assertEquals(host.path("Id").asText(), hostSettings.path("NetworkSettings").path("Networks").path("host")
                        .path("NetworkID").asText(), "the container names the host network by its ID");
                Exec.Result joinHost = docker(docker, env, List.of("network", "connect", "host", "onhost"));
                assertTrue(joinHost.exit() != 0 && joinHost.err().contains("connected to host network"), joinHost.toString());
                docker(docker, env, List.of("rm", "-f", "onhost")).ok();
                JsonNode inspect = Jsons.read(docker(docker, env, List.of("network", "inspect", "dnet")).ok().out()).get(0);
                assertEquals("10.213.31.0/24", inspect.path("IPAM").path("Config").get(0).path("Subnet").asText());
                assertEquals("docker", inspect.path("Labels").path("test").asText());

                docker(docker, env, List.of("create", "--name", "later", "bb", "sleep", "600")).ok();
                docker(docker, env, List.of("network", "connect", "--alias", "l8r", "dnet", "later")).ok();
                docker(docker, env, List.of("start", "later")).ok();
                JsonNode later = Jsons.read(docker(docker, env, List.of("inspect", "later")).ok().out()).get(0);
                assertTrue(later.path("NetworkSettings").path("Networks").path("dnet").path("IPAddress").asText()
                        .startsWith("10.213.31."), later.path("NetworkSettings").toString());

                docker(docker, env, List.of("rm", "-f", "later", "dweb")).ok();
                docker(docker, env, List.of("network", "rm", "dnet")).ok();
                assertEquals(1, docker(docker, env, List.of("network", "inspect", "dnet")).exit());
                String until = docker(docker, env, List.of("info", "--format", "{{.SystemTime}}")).ok().out().strip();
                List<String> events = docker(docker, env, List.of("events", "--since", since, "--until", until,
                        "--filter", "type=network", "--format", "{{.Action}} {{.Actor.ID}} {{.Actor.Attributes.name}} {{.Actor.Attributes.type}}")).ok().lines();
                String dnet = " " + id + " dnet bridge";
                assertTrue(events.contains("create" + dnet) && events.contains("connect" + dnet)
                        && events.contains("disconnect" + dnet) && events.contains("destroy" + dnet),
                        "a network's life in the event stream, in Docker's words: " + events);
            } finally {
                Net.removeAll(cairn);
            }
            assertEquals(List.of(), Net.netnsFiles(cairn));
            assertEquals(List.of(), Net.rulesMentioning("10.213.31."));
            assertEquals(List.of(), BusyboxImage.leftovers(cairn));
        }
    }

    private static Exec.Result docker(Path docker, Map<String, String> env, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(docker.toString()));
        cmd.addAll(args);
        return Exec.run(cmd, env);
    }
}
