package io.cairn.engine.image.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import io.cairn.storage.digest.Digest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OciJsonTest {

    private static final Digest D1 = Digest.sha256("one");
    private static final Digest D2 = Digest.sha256("two");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A config as Docker 24 writes it, with fields Cairn does not model. */
    private static final String DOCKER_CONFIG = """
            {"architecture":"amd64","config":{"Hostname":"","User":"app","ExposedPorts":{"80/tcp":{},"443/tcp":{}},
             "Env":["PATH=/bin"],"Cmd":["sh"],"Volumes":{"/data":{}},"WorkingDir":"/srv","Entrypoint":null,
             "OnBuild":null,"Labels":{"b":"2","a":"1"},"StopSignal":"SIGTERM",
             "Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":30000000000,"Retries":3},"ArgsEscaped":true},
             "container":"abc","container_config":{"Cmd":["/bin/sh"]},"created":"2023-05-19T20:19:41.123456789+02:00",
             "docker_version":"20.10.23","history":[{"created":"2023-05-19T18:19:41Z","created_by":"ADD file"},
             {"created":"2023-05-19T18:19:42Z","created_by":"CMD [\\"sh\\"]","empty_layer":true}],
             "os":"linux","rootfs":{"type":"layers","diff_ids":["%s"]},"variant":"v2"}
            """.formatted(D1);

    @Test
    void readsDockerConfigsIgnoringUnknownFields() {
        ImageConfig c = OciJson.read(utf8(DOCKER_CONFIG), ImageConfig.class, "config");
        assertEquals("amd64", c.architecture());
        assertEquals("linux", c.os());
        assertEquals("v2", c.variant());
        assertEquals(Instant.parse("2023-05-19T18:19:41.123456789Z"), c.created());
        assertEquals(List.of(D1), c.diffIds());
        ExecutionConfig x = c.config();
        assertEquals("app", x.user());
        assertEquals(Set.of("80/tcp", "443/tcp"), x.exposedPorts());
        assertEquals(Set.of("/data"), x.volumes());
        assertNull(x.entrypoint());
        assertEquals(List.of("sh"), x.cmd());
        assertEquals(Map.of("a", "1", "b", "2"), x.labels());
        assertEquals(List.of("CMD-SHELL", "true"), x.healthcheck().test());
        assertEquals(30_000_000_000L, x.healthcheck().interval());
        assertEquals(3, x.healthcheck().retries());
        assertTrue(x.argsEscaped());
        assertFalse(c.history().get(0).isEmptyLayer());
        assertTrue(c.history().get(1).isEmptyLayer());
        assertEquals("CMD [\"sh\"]", c.history().get(1).createdBy());
    }

    @Test
    void writesCanonically() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("z", "<last & \"quoted\">");
        labels.put("a", "é");
        ExecutionConfig exec = ExecutionConfig.empty().toBuilder()
                .env(List.of("PATH=/bin")).cmd(List.of("sh")).labels(labels)
                .exposedPorts(Set.of("443/tcp", "80/tcp")).build();
        ImageConfig config = new ImageConfig(Instant.parse("2024-01-02T03:04:05Z"), null, "amd64", "linux",
                null, null, null, exec, RootFs.layers(List.of(D1)),
                List.of(new HistoryEntry(Instant.EPOCH, "import", null, null, false)));
        String expected = "{\"created\":\"2024-01-02T03:04:05Z\",\"architecture\":\"amd64\",\"os\":\"linux\","
                + "\"config\":{\"ExposedPorts\":{\"443/tcp\":{},\"80/tcp\":{}},\"Env\":[\"PATH=/bin\"],"
                + "\"Cmd\":[\"sh\"],\"Labels\":{\"a\":\"é\",\"z\":\"<last & \\\"quoted\\\">\"}},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + D1 + "\"]},"
                + "\"history\":[{\"created\":\"1970-01-01T00:00:00Z\",\"created_by\":\"import\"}]}";
        byte[] written = OciJson.write(config);
        assertEquals(expected, new String(written, StandardCharsets.UTF_8));
        ImageConfig reread = OciJson.read(written, ImageConfig.class, "config");
        assertEquals(config, reread);
        assertArrayEquals(written, OciJson.write(reread), "a canonical document re-encodes to the same bytes");
        OciSchemas.assertValid(OciSchemas.CONFIG, written, "canonical config");
    }

    @Test
    void manifestsAndIndexesValidateAgainstTheSpec() {
        Descriptor config = Descriptor.of(MediaTypes.OCI_CONFIG, D1, 100);
        Manifest manifest = Manifest.oci(config, List.of(Descriptor.of(MediaTypes.OCI_LAYER, D2, 2048)));
        byte[] manifestJson = OciJson.write(manifest);
        assertEquals("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\""
                + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + D1 + "\",\"size\":100},\"layers\":[{\"mediaType\":\""
                + MediaTypes.OCI_LAYER + "\",\"digest\":\"" + D2 + "\",\"size\":2048}]}",
                new String(manifestJson, StandardCharsets.UTF_8));
        OciSchemas.assertValid(OciSchemas.MANIFEST, manifestJson, "manifest");
        assertEquals(manifest, OciJson.read(manifestJson, Manifest.class, "manifest"));

        Descriptor entry = Descriptor.of(MediaTypes.OCI_MANIFEST, Digest.sha256(manifestJson), manifestJson.length)
                .withAnnotations(Map.of(MediaTypes.ANNOTATION_REF_NAME, "v1"));
        byte[] indexJson = OciJson.write(new Index(2, MediaTypes.OCI_INDEX, null, List.of(entry,
                new Descriptor(MediaTypes.OCI_MANIFEST, null, D2, 5, null, null, null, Platform.of("linux", "arm64"))),
                null, null));
        OciSchemas.assertValid(OciSchemas.INDEX, indexJson, "index");
        Index index = OciJson.read(indexJson, Index.class, "index");
        assertEquals("v1", index.manifests().get(0).annotation(MediaTypes.ANNOTATION_REF_NAME));
        assertEquals("linux/arm64", index.manifests().get(1).platform().toString());
    }

    @Test
    void theValidatorRejectsWhatTheSpecForbids() {
        assertFalse(OciSchemas.violations(OciSchemas.MANIFEST, utf8("{\"schemaVersion\":2}")).isEmpty());
        assertFalse(OciSchemas.violations(OciSchemas.INDEX,
                utf8("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":\"x\",\"digest\":\"nope\",\"size\":1}]}")).isEmpty());
        assertFalse(OciSchemas.violations(OciSchemas.CONFIG, utf8("{\"architecture\":\"amd64\",\"os\":\"linux\"}")).isEmpty());
    }

    @Test
    void errorsNameTheDocumentAndField() {
        InvalidArgumentException missing = assertThrows(InvalidArgumentException.class,
                () -> OciJson.read(utf8("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a\",\"digest\":\"" + D1
                        + "\",\"size\":1}}"), Manifest.class, "blobs/sha256/abc"));
        assertTrue(missing.getMessage().startsWith("invalid blobs/sha256/abc: "), missing.getMessage());
        assertTrue(missing.getMessage().contains("manifest layers"), missing.getMessage());

        InvalidArgumentException digest = assertThrows(InvalidArgumentException.class,
                () -> OciJson.read(utf8("{\"schemaVersion\":2,\"config\":{\"mediaType\":\"a\",\"digest\":\"sha256:XYZ\","
                        + "\"size\":1},\"layers\":[]}"), Manifest.class, "manifest"));
        assertTrue(digest.getMessage().contains("sha256:XYZ") && digest.getMessage().endsWith("at $.config.digest"),
                digest.getMessage());

        InvalidArgumentException time = assertThrows(InvalidArgumentException.class,
                () -> OciJson.read(utf8("{\"created\":\"yesterday\",\"architecture\":\"a\",\"os\":\"linux\","
                        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"), ImageConfig.class, "config.json"));
        assertTrue(time.getMessage().contains("yesterday") && time.getMessage().endsWith("at $.created"), time.getMessage());

        InvalidArgumentException syntax = assertThrows(InvalidArgumentException.class,
                () -> OciJson.read(utf8("{\"schemaVersion\":"), Index.class, "index.json"));
        assertTrue(syntax.getMessage().startsWith("invalid index.json: "), syntax.getMessage());
        assertThrows(InvalidArgumentException.class, () -> OciJson.read(utf8("null"), Index.class, "index.json"));
    }

    @Test
    void layerMediaTypesDeclareTheirCompression() {
        assertEquals(Compression.NONE, Compression.ofLayerMediaType(MediaTypes.OCI_LAYER).orElseThrow());
        assertEquals(Compression.GZIP, Compression.ofLayerMediaType(MediaTypes.OCI_LAYER_GZIP).orElseThrow());
        assertEquals(Compression.ZSTD, Compression.ofLayerMediaType(MediaTypes.OCI_LAYER_ZSTD).orElseThrow());
        assertEquals(Compression.DETECT, Compression.ofLayerMediaType(MediaTypes.DOCKER_LAYER_GZIP).orElseThrow());
        assertTrue(Compression.ofLayerMediaType("application/vnd.example+json").isEmpty());
        assertFalse(MediaTypes.isLayer(MediaTypes.OCI_CONFIG));
        assertTrue(MediaTypes.isManifest(MediaTypes.DOCKER_MANIFEST));
        assertTrue(MediaTypes.isIndex(MediaTypes.DOCKER_MANIFEST_LIST));
        assertTrue(MediaTypes.isConfig(MediaTypes.DOCKER_CONFIG));
    }
}
