package io.cairn.it.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docker version}, {@code info}, {@code image inspect} and {@code system df} against Cairn,
 * each of which failed or printed gaps before: the answers decode as the docker CLI expects them.
 */
class SystemConformanceIT extends DockerCliAgainstCairn {

    private static final ObjectMapper JSON = new ObjectMapper();


    @Test
    void versionNamesTheEngineComponentAndNegotiates143() throws Exception {
        Exec.Result v = ok(docker.run("version", "--format", "{{json .Server}}"));
        JsonNode server = JSON.readTree(v.out());
        assertEquals("1.43", server.path("ApiVersion").asText(), v.out());
        assertEquals("1.24", server.path("MinAPIVersion").asText(), v.out());
        assertEquals("Engine", server.path("Components").get(0).path("Name").asText(), v.out());
        // the CLI's own version is 1.50 for docker 28, 1.41 for Debian's 20.10: it negotiates the lower of its and Cairn's
        String[] client = ok(docker.run("version", "--format", "{{.Client.DefaultAPIVersion}} {{.Client.APIVersion}}"))
                .out().trim().split(" ");
        String expected = Double.parseDouble(client[0]) < 1.43 ? client[0] : "1.43";
        assertEquals(expected, client[1], "the CLI negotiated the lower of its version and Cairn's");
    }

    /** Debian's docker CLI (20.10) sends {@code Host: } empty on hijacked requests; Go's server takes it, so Cairn does. */
    @Test
    void anEmptyHostHeaderIsAnsweredNotRefused() throws Exception {
        try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                java.net.UnixDomainSocketAddress.of(cairn.root().resolve("cairn.sock")))) {
            ch.write(java.nio.ByteBuffer.wrap("GET /_ping HTTP/1.1\r\nHost: \r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            String answer = new String(java.nio.channels.Channels.newInputStream(ch).readAllBytes(),
                    java.nio.charset.StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("OK"), answer);
        }
    }

    @Test
    void infoCarriesAnIdentityTheRuntimeTheCgroupAndTheSecurityOptions() throws Exception {
        JsonNode info = JSON.readTree(ok(docker.run("info", "--format", "{{json .}}")).out());
        String id = info.path("ID").asText();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "a UUID, not a path: " + id);
        assertEquals(id, JSON.readTree(ok(docker.run("info", "--format", "{{json .}}")).out()).path("ID").asText(),
                "stable");
        assertEquals("runc", info.path("DefaultRuntime").asText());
        assertTrue(info.path("Runtimes").has("runc"), info.toString());
        assertEquals("cgroupfs", info.path("CgroupDriver").asText());
        assertTrue(info.path("CgroupVersion").asText().matches("[12]"), info.toString());
        assertTrue(info.path("SecurityOptions").toString().contains("name=seccomp"), info.toString());
        assertEquals("linux", info.path("OSType").asText());
        assertEquals("inactive", info.path("Swarm").path("LocalNodeState").asText());
        Exec.Result text = ok(docker.run("info"));
        assertTrue(text.out().contains(" Cgroup Driver: cgroupfs"), text.out());
        assertTrue(text.err().isBlank() || !text.err().contains("ERROR"), text.err());
    }

    @Test
    void imageInspectDecodesWithGraphDriverDataAsAMapOfStrings() throws Exception {
        Exec.Result inspect = ok(docker.run("image", "inspect", "bb"));
        JsonNode data = JSON.readTree(inspect.out()).get(0).path("GraphDriver").path("Data");
        assertTrue(data.isObject(), inspect.out());
        assertTrue(Files.isDirectory(Path.of(data.path("UpperDir").asText())), "the top layer's directory: " + data);
        ok(docker.run("inspect", "bb"));
    }

    @Test
    void systemDfCountsWhatContainersAndVolumesUse() throws Exception {
        ok(cairn.run("volume", "create", "dfvol"));
        String id = ok(cairn.run("create", "-v", "dfvol:/data", "bb", "sh", "-c", "echo hi > /data/f")).out().trim();
        try {
            Exec.Result df = ok(docker.run("system", "df", "--format", "{{.Type}} {{.TotalCount}} {{.Active}}"));
            assertTrue(df.out().contains("Images 1 1"), df.out());
            assertTrue(df.out().contains("Containers 1 0"), df.out());
            assertTrue(df.out().contains("Local Volumes 1 1"), df.out());
            Exec.Result verbose = ok(docker.run("system", "df", "-v"));
            assertTrue(verbose.out().lines().anyMatch(l -> l.startsWith("dfvol") && l.contains(" 1 ")), verbose.out());
        } finally {
            ok(cairn.run("rm", id));
            ok(cairn.run("volume", "rm", "dfvol"));
        }
    }

    @Test
    void pingCarriesDockersHeadersAndAVersionOutsideTheRangeIs400() throws Exception {
        String ping = curl("-i", "http://cairn/_ping").toLowerCase(java.util.Locale.ROOT);
        assertTrue(ping.startsWith("http/1.1 200"), ping);
        for (String header : new String[] {"api-version: 1.43", "ostype: linux", "docker-experimental: false",
                "builder-version: 1"}) {
            assertTrue(ping.contains("\n" + header + "\r\n"), header + " in " + ping);
        }
        String tooNew = curl("-i", "http://cairn/v1.99/version");
        assertTrue(tooNew.startsWith("HTTP/1.1 400"), "Docker answers 400 outside its range, not 404: " + tooNew);
        assertTrue(tooNew.contains("client version 1.99 is too new. Maximum supported API version is 1.43"), tooNew);
        assertTrue(curl("-i", "http://cairn/v1.41/version").startsWith("HTTP/1.1 200"));
    }

    /** A client that leaves a wait or a log follow early is no failure: daemon.log gets no warning and no stack. */
    @Test
    void aClientThatDisconnectsLeavesNoWarningInTheLog() throws Exception {
        String id = ok(cairn.run("run", "-d", "bb", "sleep", "60")).out().trim();
        try {
            long before = Files.readAllLines(cairn.root().resolve("daemon.log")).size();
            for (String path : new String[] {"/containers/" + id + "/wait",
                    "/containers/" + id + "/logs?follow=1&stdout=1", "/events"}) {
                Exec.Result r = Exec.run(java.util.List.of(io.cairn.testing.Tools.require("curl", "apt-get install -y curl")
                        .toString(), "-s", "-o", "/dev/null", "--max-time", "1", "--unix-socket",
                        cairn.root().resolve("cairn.sock").toString(), "-X", path.endsWith("wait") ? "POST" : "GET",
                        "http://cairn" + path));
                assertEquals(28, r.exit(), "curl gave up after its second, the daemon still streaming: " + r);
            }
            ok(cairn.run("version")); // the daemon answers on
            Thread.sleep(500); // the close watch notices within its poll
            java.util.List<String> log = Files.readAllLines(cairn.root().resolve("daemon.log"));
            java.util.List<String> added = log.subList((int) before, log.size());
            assertTrue(added.stream().noneMatch(l -> l.startsWith("WARNING") || l.startsWith("SEVERE")
                    || l.startsWith("\tat ")), String.join("\n", added));
        } finally {
            ok(cairn.run("rm", "-f", id));
        }
    }

    private String curl(String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                io.cairn.testing.Tools.require("curl", "apt-get install -y curl").toString(), "-s", "--max-time", "30",
                "--unix-socket", cairn.root().resolve("cairn.sock").toString()));
        command.addAll(java.util.List.of(args));
        return ok(Exec.run(command)).out();
    }

    private static Exec.Result ok(Exec.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }
}
