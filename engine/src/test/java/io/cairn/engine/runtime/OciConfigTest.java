package io.cairn.engine.runtime;

import io.cairn.testing.Tools;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test helper's config.json is valid against the OCI runtime-spec schema (shared/oci-schemas). */
class OciConfigTest {
    @TempDir
    Path dir;

    @Test
    void theTestConfigIsAValidRuntimeSpecConfig() throws Exception {
        Path file = OciConfig.write(dir, dir.resolve("rootfs"), List.of("sh", "-c", "exit 3"));
        JsonSchema schema = schema();
        assertEquals(Set.of(), schema.validate(Files.readString(file), InputFormat.JSON), Files.readString(file));

        // and the validator does reject a broken one: a namespace type the spec does not know
        String broken = Files.readString(file).replace("\"uts\"", "\"no-such-namespace\"");
        Set<ValidationMessage> errors = schema.validate(broken, InputFormat.JSON);
        assertFalse(errors.isEmpty(), "the schema must reject " + broken);
    }

    private static JsonSchema schema() throws Exception {
        Path folder = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && folder == null; d = d.getParent()) {
            Path candidate = d.resolve("shared/oci-schemas/runtime-spec");
            folder = Files.isDirectory(candidate) ? candidate : null;
        }
        if (folder == null) {
            folder = Path.of("/work/shared/oci-schemas/runtime-spec");
        }
        Tools.requireThat(Files.isDirectory(folder), "the OCI runtime-spec schemas in shared/oci-schemas/runtime-spec");
        Path base = folder;
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4,
                builder -> builder.schemaLoaders(loaders -> loaders.add(iri -> {
                    String text = iri.toString();
                    if (!text.startsWith("https://opencontainers.org/") && !text.startsWith("file:")) {
                        return null;
                    }
                    String name = text.substring(text.lastIndexOf('/') + 1);
                    Path local = base.resolve(name.endsWith(".json") ? name : name + ".json");
                    if (Files.isRegularFile(local)) {
                        return () -> Files.newInputStream(local);
                    }
                    // the shared folder holds the Linux parts only; other platforms' sections accept anything
                    return name.startsWith("config-") ? () -> new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)) : null;
                })));
        // the runtime-spec schemas carry no id: their $refs resolve against the file's own location
        return factory.getSchema(SchemaLocation.of(folder.resolve("config-schema.json").toUri().toString()),
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
    }
}
