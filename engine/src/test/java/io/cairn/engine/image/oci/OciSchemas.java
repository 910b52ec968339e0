package io.cairn.engine.image.oci;

import io.cairn.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON documents against the OCI image-spec schemas kept in {@code shared/oci-schemas}
 * (draft-04). The schemas {@code $ref} each other by file name relative to nested {@code id}s, so
 * every {@code https://opencontainers.org/...} IRI is served from the local folder by its last
 * path segment.
 */
public final class OciSchemas {

    public static final String INDEX = "image-index-schema.json";
    public static final String MANIFEST = "image-manifest-schema.json";
    public static final String CONFIG = "config-schema.json";
    public static final String LAYOUT = "image-layout-schema.json";

    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private OciSchemas() {
    }

    /** The image-spec schema folder, or a skipped test when this checkout has none. */
    public static Path folder() {
        String configured = System.getProperty("cairn.oci.schemas");
        if (configured != null) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/oci-schemas/image-spec");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Path fallback = Paths.get("/work/shared/oci-schemas/image-spec");
        Tools.requireThat(Files.isDirectory(fallback), "the OCI image-spec schemas in shared/oci-schemas/image-spec above "
                + Paths.get("").toAbsolutePath() + " (set -Dcairn.oci.schemas=DIR)");
        return fallback;
    }

    /** Asserts that {@code json} is valid against {@code schemaFile}, listing every violation. */
    public static void assertValid(String schemaFile, byte[] json, String what) {
        Set<ValidationMessage> errors = schema(schemaFile)
                .validate(new String(json, StandardCharsets.UTF_8), InputFormat.JSON);
        assertEquals(Set.of(), errors, what + " violates " + schemaFile + ": " + new String(json, StandardCharsets.UTF_8));
    }

    /** The violations of {@code json} against {@code schemaFile} (empty when valid). */
    public static Set<ValidationMessage> violations(String schemaFile, byte[] json) {
        return schema(schemaFile).validate(new String(json, StandardCharsets.UTF_8), InputFormat.JSON);
    }

    private static JsonSchema schema(String file) {
        return CACHE.computeIfAbsent(file, f -> {
            Path folder = folder();
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                    builder -> builder.schemaLoaders(loaders -> loaders.add(iri -> {
                        String text = iri.toString();
                        if (!text.startsWith("https://opencontainers.org/") && !text.startsWith("file:")) {
                            return null;
                        }
                        String name = text.substring(text.lastIndexOf('/') + 1);
                        Path local = folder.resolve(name.endsWith(".json") ? name : name + ".json");
                        return Files.isRegularFile(local) ? () -> Files.newInputStream(local) : null;
                    })));
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            try (InputStream in = Files.newInputStream(folder.resolve(f))) {
                return factory.getSchema(in, config);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read schema " + folder.resolve(f), e);
            }
        });
    }
}
