package io.cairn.engine.runtime.spec;

import io.cairn.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;

/**
 * Validates config.json documents against the OCI runtime-spec schema in
 * {@code shared/oci-schemas/runtime-spec} (draft-04). Its {@code $ref}s name sibling files
 * ({@code defs.json}, {@code defs-linux.json}, {@code config-linux.json}), resolved beside it.
 */
final class RuntimeSchemas {

    private static volatile JsonSchema schema;

    private RuntimeSchemas() {
    }

    static Path folder() {
        String configured = System.getProperty("cairn.oci.runtime.schemas");
        if (configured != null) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/oci-schemas/runtime-spec");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Path fallback = Paths.get("/work/shared/oci-schemas/runtime-spec");
        Tools.requireThat(Files.isDirectory(fallback), "the OCI runtime-spec schemas in shared/oci-schemas/runtime-spec"
                + " (set -Dcairn.oci.runtime.schemas=DIR)");
        return fallback;
    }

    static Set<ValidationMessage> violations(byte[] json) {
        return schema().validate(new String(json, StandardCharsets.UTF_8), InputFormat.JSON);
    }

    static void assertValid(byte[] json) {
        assertEquals(Set.of(), violations(json), "config.json violates the runtime-spec schema: "
                + new String(json, StandardCharsets.UTF_8));
    }

    private static JsonSchema schema() {
        JsonSchema s = schema;
        if (s == null) {
            Path folder = folder();
            // Loaded by its file: URI, so that its relative $refs (defs.json#/…) resolve beside it.
            // The shared folder holds only the Linux parts: the other platforms' sections
            // (config-solaris.json, config-windows.json, …), which Cairn never writes, are served
            // as a schema that no document may use ({"not": {}}), so writing one would fail.
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                    builder -> builder.schemaLoaders(loaders -> loaders.add(iri -> {
                        String text = iri.toString();
                        if (!text.startsWith("file:")) {
                            return null;
                        }
                        String name = text.substring(text.lastIndexOf('/') + 1);
                        return Files.isRegularFile(folder.resolve(name))
                                ? null
                                : () -> new ByteArrayInputStream("{\"not\": {}}".getBytes(StandardCharsets.UTF_8));
                    })));
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            s = factory.getSchema(SchemaLocation.of(folder.resolve("config-schema.json").toUri().toString()), config);
            schema = s;
        }
        return s;
    }
}
