package io.cairn.storage.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two kernel-checked resolutions: {@link InRoot} (links mean what they mean inside) and {@link Beneath} (no links at all). */
class ResolutionTest {

    @TempDir
    Path dir;

    @Test
    void inRootResolvesLinksInsideTheRoot() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Path host = Files.createDirectories(dir.resolve("host"));
        Files.writeString(host.resolve("secret"), "host");
        Files.createSymbolicLink(root.resolve("slash"), Path.of("/"));
        Files.createSymbolicLink(root.resolve("up"), Path.of("../../../.."));
        Files.createSymbolicLink(root.resolve("abs"), host);
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "inside");
        InRoot in = InRoot.of(root);

        assertEquals(Optional.of(root.toRealPath().resolve("etc/passwd")), in.locate("slash/etc/passwd"));
        assertEquals(Optional.of(root.toRealPath().resolve("etc/passwd")), in.locate("up/etc/passwd"));
        assertEquals(Optional.empty(), in.locate("abs/secret"), "the host path does not exist inside the root");
        assertEquals(Optional.of(root.toRealPath().resolve("slash")), in.locate("slash"), "a last link is not followed");
        try (InputStream s = in.open("slash/up/etc/passwd")) {
            assertEquals("inside", new String(s.readAllBytes()));
        }
        assertThrows(PosixException.class, () -> in.open("abs/secret"));
    }

    @Test
    void beneathRefusesEveryLink() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("a/b"));
        Files.createSymbolicLink(root.resolve("l"), root.resolve("a"));
        try (Beneath b = Beneath.open(root, "a/b")) {
            Files.writeString(b.path().resolve("f"), "x");
        }
        assertEquals("x", Files.readString(root.resolve("a/b/f")));
        PosixException e = assertThrows(PosixException.class, () -> Beneath.open(root, "l/b"));
        assertTrue(e.getMessage().contains("symlink"), e.getMessage());
        assertThrows(PosixException.class, () -> Beneath.open(root, "a/../.."));
    }
}
