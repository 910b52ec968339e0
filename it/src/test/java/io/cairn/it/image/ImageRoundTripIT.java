package io.cairn.it.image;

import io.cairn.it.Scratch;
import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The "done when", as a new user would do it: the busybox tarball from
 * {@code scripts/make-busybox-rootfs.sh} is imported into one root, saved (to a file with {@code -o}
 * and to stdout), and loaded into another root (with {@code -i} and from a pipe), which then holds
 * the same image: same ID, same RootFS layers and creation time, {@code image verify} and
 * {@code system check} pass, and saving it again gives the same archive bytes.
 */
class ImageRoundTripIT {

    private static final String REF = "busybox:roundtrip";

    private Path work;
    private Cairn source;
    private Cairn target;

    @BeforeEach
    void setUp() throws Exception {
        work = Files.createTempDirectory(Path.of("/tmp"), "cairn-rt-");
        source = new Cairn(work.resolve("a"));
        target = new Cairn(work.resolve("b"));
    }

    @AfterEach
    void tearDown() throws Exception {
        try (Cairn a = source; Cairn b = target) {
            // each root stops its daemon by pid and deletes itself, even if the other fails to
        } finally {
            if (work != null) {
                Scratch.delete(work);
            }
        }
    }

    @Test
    void importSaveLoadKeepsTheImageId() throws Exception {
        Path rootfs = Fixtures.busyboxTar(work.resolve("busybox.tar"));

        Exec.Result imported = source.run("import", rootfs.toString(), REF).ok();
        String id = imported.out().trim();
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), imported.toString());
        assertEquals(List.of(id), source.run("images", "-q", "--no-trunc").ok().lines());
        JsonNode original = Fixtures.inspect(source, REF);
        assertEquals(id, original.path("Id").asText());
        // import keeps the tarball as the layer, byte for byte: its diffID is the file's digest
        assertEquals(List.of(Fixtures.sha256(rootfs)), Fixtures.texts(original.path("RootFS").path("Layers")));

        Path toFile = work.resolve("saved-o.tar");
        source.run("save", "-o", toFile.toString(), REF).ok();
        Path toStdout = work.resolve("saved-stdout.tar");
        source.runToFile(toStdout, "save", REF).ok();
        assertTrue(Files.size(toFile) > Files.size(rootfs), "the archive holds the layer");
        assertArrayEquals(Files.readAllBytes(toFile), Files.readAllBytes(toStdout),
                "save -o FILE and save > FILE write the same archive");

        Exec.Result loaded = target.run("load", "-i", toFile.toString()).ok();
        assertEquals("Loaded image: " + REF + "\n", loaded.out(), loaded.toString());
        assertSameImage(id, original);

        // again from scratch, through a pipe: cat FILE | cairn load
        target.run("rmi", REF).ok();
        assertEquals(List.of(), target.run("images", "-q").ok().lines());
        Exec.Result piped = target.runPiped(toStdout, "load").ok();
        assertEquals("Loaded image: " + REF + "\n", piped.out(), piped.toString());
        assertSameImage(id, original);

        // loading what is already there changes nothing
        Exec.Result again = target.run("load", "-i", toFile.toString()).ok();
        assertEquals("Loaded image: " + REF + "\n", again.out(), again.toString());
        assertEquals(List.of(id), target.run("images", "-q", "--no-trunc").ok().lines());

        Exec.Result verify = target.run("image", "verify", REF);
        assertEquals(0, verify.exit(), verify.toString());
        assertTrue(verify.out().endsWith("image " + id + ": ok\n"), verify.toString());
        for (Cairn root : List.of(source, target)) {
            Exec.Result check = root.run("system", "check");
            assertEquals(0, check.exit(), check.toString());
            assertTrue(check.out().endsWith("system check: ok\n"), check.toString());
            assertEquals(List.of(), Fixtures.list(root.root().resolve("tmp")), "nothing left in " + root.root() + "/tmp");
        }

        // saving the loaded copy gives back the same bytes: nothing was rewritten on the way
        Path resaved = work.resolve("saved-again.tar");
        target.run("save", "-o", resaved.toString(), REF).ok();
        assertArrayEquals(Files.readAllBytes(toFile), Files.readAllBytes(resaved));

        Path missing = work.resolve("missing.tar");
        Exec.Result absent = target.run("load", "-i", missing.toString());
        assertEquals(1, absent.exit(), absent.toString());
        assertEquals("Error: open " + missing + ": no such file or directory\n", absent.err());
    }

    private void assertSameImage(String id, JsonNode original) throws Exception {
        assertEquals(List.of(id), target.run("images", "-q", "--no-trunc").ok().lines());
        JsonNode copy = Fixtures.inspect(target, REF);
        assertEquals(id, copy.path("Id").asText());
        assertEquals(List.of(REF), Fixtures.texts(copy.path("RepoTags")));
        assertEquals(original.path("RootFS"), copy.path("RootFS"));
        assertEquals(original.path("Created"), copy.path("Created"));
    }
}
