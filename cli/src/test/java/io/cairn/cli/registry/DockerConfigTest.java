package io.cairn.cli.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.client.ApiClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's {@code X-Registry-Config}: every credential the docker CLI's file holds, keyed as stored. */
class DockerConfigTest {

    @TempDir
    Path dir;

    @Test
    void theBuildHeaderCarriesEveryStoredCredential() throws Exception {
        String basic = Base64.getEncoder().encodeToString("alice:pw:with:colons".getBytes(StandardCharsets.UTF_8));
        Path file = Files.writeString(dir.resolve("config.json"), """
                {"auths": {"127.0.0.1:5000": {"auth": "%s"},
                           "https://index.docker.io/v1/": {"identitytoken": "refresh-token"},
                           "helper-only.example": {}},
                 "psFormat": "kept"}
                """.formatted(basic));
        String header = DockerConfig.load(file).registryConfigHeader().get("X-Registry-Config");
        JsonNode sent = ApiClient.json().readTree(Base64.getUrlDecoder().decode(header));
        assertEquals(2, sent.size(), sent.toString()); // an entry without credentials is not sent
        assertEquals("alice", sent.path("127.0.0.1:5000").path("username").asText());
        assertEquals("pw:with:colons", sent.path("127.0.0.1:5000").path("password").asText());
        assertEquals("refresh-token", sent.path("https://index.docker.io/v1/").path("identitytoken").asText());
        assertEquals("https://index.docker.io/v1/", sent.path("https://index.docker.io/v1/").path("serveraddress").asText());
    }

    @Test
    void noCredentialsNoHeader() throws Exception {
        assertTrue(DockerConfig.load(dir.resolve("absent.json")).registryConfigHeader().isEmpty());
        Path file = Files.writeString(dir.resolve("config.json"), "{\"auths\": {}}");
        assertTrue(DockerConfig.load(file).registryConfigHeader().isEmpty());
    }
}
