package io.cairn.it.image;

import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Test inputs and small helpers shared by the image integration tests. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {
    }

    /** Writes the deterministic busybox rootfs tarball with {@code scripts/make-busybox-rootfs.sh}. */
    static Path busyboxTar(Path out) throws Exception {
        Exec.run(List.of("bash", Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(), out.toString()))
                .ok();
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** {@code cairn image inspect REF} → the one object, asserting success. */
    static JsonNode inspect(Cairn cairn, String ref) throws Exception {
        JsonNode array = json(cairn.run("image", "inspect", ref).ok().out());
        if (array.size() != 1) {
            throw new AssertionError("image inspect " + ref + " returned " + array.size() + " objects");
        }
        return array.get(0);
    }

    /** The entries of {@code dir} (names only), empty when it has none. */
    static List<String> list(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
