package io.cairn.it.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.client.ApiClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What must hold whenever a daemon has (re)started, whatever happened before (CLI.md "Journal",
 * DESIGN.md "Recovery"): {@code journal verify} finds no problem; the state digest equals the digest
 * of an index rebuilt from the journal alone; {@code system check} finds the index and the disk in
 * agreement (every blob and layer re-hashed); every image passes {@code image verify}; staging
 * ({@code tmp/}) is empty.
 */
public final class Invariants {

    private Invariants() {
    }

    /**
     * Asserts all of it through the daemon of {@code root}; {@code when} names the moment in the
     * messages (trial, seed). Returns the state digest.
     */
    public static String assertHold(Path root, ApiClient client, String when) throws IOException {
        JsonNode journal = client.get("/cairn/journal/verify");
        assertEquals(0, journal.path("Problems").size(), when + ": journal verify: " + journal);
        String digest = client.get("/cairn/system/digest").path("Digest").asText();
        JsonNode rebuild = client.post("/cairn/journal/rebuild", null, JsonNode.class);
        assertEquals(digest, rebuild.path("Before").asText(), when + ": digest before journal rebuild");
        assertEquals(digest, rebuild.path("After").asText(), when + ": digest after journal rebuild");
        JsonNode check = client.get("/cairn/system/check");
        assertEquals(0, check.path("Problems").size(), when + ": system check: " + check);
        for (JsonNode image : client.get("/images/json?all=1")) {
            String id = image.path("Id").asText();
            JsonNode verify = client.post("/cairn/images/" + id + "/verify", null, JsonNode.class);
            assertEquals(0, verify.path("Problems").size(), when + ": image verify " + id + ": " + verify);
        }
        assertEquals(List.of(), staging(root), when + ": staging directory " + root.resolve("tmp") + " not clean");
        return digest;
    }

    /** The entries of {@code ROOT/tmp}. */
    static List<String> staging(Path root) throws IOException {
        Path tmp = root.resolve("tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
