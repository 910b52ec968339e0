package io.cairn.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A container's environment comes from the image and the request only: an entry without {@code =}
 * unsets the variable, as in Docker, and never takes the daemon's own value (issue 10, A6).
 */
class ContainerEnvironmentTest {

    private static final String ID = "0123456789ab".repeat(5) + "cdef";

    /** What a container gets when nothing sets PATH (Docker's default). */
    private static final String DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    @Test
    void anImageEntryWithoutAValueNeverReadsTheDaemonsEnvironment() throws Exception {
        assertNotNull(System.getenv("HOME"), "the test needs a variable in its own environment");
        JsonNode image = image("[\"HOME\", \"KEEP=1\"]");
        List<String> env = resolve(image, List.of());
        assertFalse(env.stream().anyMatch(e -> e.startsWith("HOME=")), "the daemon's HOME leaked: " + env);
        assertEquals(List.of("KEEP=1", DEFAULT_PATH), env);
    }

    @Test
    void aRequestEntryWithoutAValueUnsetsTheVariableAsDockerDoes() throws Exception {
        List<String> env = resolve(image("[\"KEEP=1\", \"GONE=2\"]"), List.of("GONE", "HOME", "NEW=3"));
        assertEquals(List.of("KEEP=1", DEFAULT_PATH, "NEW=3"), env);
    }

    private static JsonNode image(String envArray) throws Exception {
        return new ObjectMapper().readTree("{\"Cmd\":[\"/bin/sh\"],\"Env\":" + envArray + "}");
    }

    private static List<String> resolve(JsonNode image, List<String> requestEnv) {
        CreateRequest request = new CreateRequest("img", null, null, null, requestEnv, null, null, null, Map.of(),
                List.of(), false, null, List.of(), List.of(), false, List.of(), false);
        return ContainerDecisions.resolveConfig(request, image, ID, List.of()).env();
    }
}
