package io.cairn.it.reliability;

import io.cairn.it.Scratch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.it.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, B3: the engine's root on a small file system (a tmpfs the test mounts) filled up.
 * {@code build}, {@code load}, {@code commit} and {@code run} fail with a clear "no space left on
 * device" naming the operation (or the journal's free-space reserve refusal, which another branch
 * extends to every append near the reserve); the daemon keeps answering; nothing half-written is
 * visible ({@code journal verify}, {@code system check}, {@code image verify}); once the filler is
 * deleted, the same operations succeed.
 */
class DiskFullIT {

    /**
     * Holds the journal's 64 MiB reserve, the base, a 16 MB container layer, the 16 MB image and the
     * filler; and, once the filler is gone, the build, load and commit again without dipping into the
     * reserve (which the journal enforces on every append: its check is at most 10 ms old).
     */
    private static final String SIZE = "256m";
    private static final int BIG = 16_000_000;

    @Test
    void fullDiskFailsCleanlyAndRecovers() throws Exception {
        Path mount = Files.createTempDirectory(Path.of("/tmp"), "cairn-df-");
        Path outside = Files.createTempDirectory("cairn-df-in-");
        Exec.run(List.of("mount", "-t", "tmpfs", "-o", "size=" + SIZE + ",mode=0700", "tmpfs", mount.toString())).ok();
        try (ScrubbedRoot scrubbed = new ScrubbedRoot(mount.resolve("r"))) {
            exercise(scrubbed, mount, outside);
        } finally {
            Exec.run(List.of("umount", mount.toString())).ok();
            Files.delete(mount);
            Scratch.delete(outside);
        }
    }

    private void exercise(ScrubbedRoot scrubbed, Path mount, Path outside) throws Exception {
        Path root = scrubbed.root();
        scrubbed.cairn().startDaemon();
        Api api = new Api(root);
        Random random = new Random(20_261_207L);
        api.importTar(Inputs.busybox(outside.resolve("bb.tar")), "bb");
        // a container with a 16 MB writable layer to commit, and an archive of a 16 MB image to load
        String writer = api.create("bb", "writer", List.of("sh", "-c", "head -c " + BIG + " /dev/urandom > /big"));
        api.start(writer);
        assertEquals(0, api.await(writer));
        String bigId = api.importTar(Inputs.randomRootfs(outside.resolve("big.tar"), random, BIG), "big");
        Path archive = outside.resolve("big-saved.tar");
        Files.write(archive, api.save("big"));
        api.rmi("big", false);
        Path context = Inputs.context(outside.resolve("ctx"), random, BIG);
        String dockerfile = "FROM bb\nCOPY f /f\n";

        // 8 MB left: less than any of the three writes
        Path filler = fill(mount, "filler", 8_000_000);
        refused("build", () -> api.build(context, dockerfile, "copied"), api, "copy");
        refused("load", () -> api.load(archive), api, "load");
        refused("commit", () -> api.commit(writer, "committed"), api, "commit");
        // 8 KiB left: less than a container's config.json
        Path more = fill(mount, "filler2", 8192);
        refused("run", () -> {
            String id = api.create("bb", "runner", List.of("echo", "hello"));
            api.start(id);
            return id;
        }, api, "start");

        Files.delete(more);
        Files.delete(filler);
        Invariants.assertHold(root, api.client(), "after the space was freed");
        String built = api.build(context, dockerfile, "copied");
        assertEquals(built, api.image("copied").orElseThrow().path("Id").asText());
        assertEquals(List.of("Loaded image: big:latest"), api.load(archive));
        assertEquals(bigId, api.image("big").orElseThrow().path("Id").asText());
        String committed = api.commit(writer, "committed");
        assertEquals(committed, api.image("committed").orElseThrow().path("Id").asText());
        String runner = api.container("runner").map(c -> c.path("Id").asText())
                .orElseGet(() -> api.create("bb", "runner", List.of("echo", "hello")));
        api.start(runner);
        assertEquals(0, api.await(runner), "the runner runs once there is space");
        Invariants.assertHold(root, api.client(), "after the operations succeeded");
        assertEquals(List.of(), Leaks.settle(root, api, 20), "leaked");
        System.out.println("DiskFullIT: 4 operations (build, load, commit, run) on a full " + SIZE + " tmpfs root:"
                + " each refused naming itself and the lack of space, daemon up, nothing half-written;"
                + " each succeeded once the space was freed");
    }

    /** An operation of the test, through {@link Api}. */
    private interface Op {
        Object run() throws Exception;
    }

    /** A file in {@code dir} that leaves {@code left} bytes usable on its file system. */
    private static Path fill(Path dir, String name, long left) throws Exception {
        long usable = Files.getFileStore(dir).getUsableSpace();
        assertTrue(usable > left, "only " + usable + " bytes usable in " + dir);
        Path file = dir.resolve(name);
        Exec.run(List.of("fallocate", "-l", Long.toString(usable - left), file.toString())).ok();
        return file;
    }

    /**
     * Runs {@code op}, which must fail with a clear message that names the lack of space and
     * {@code names} (the operation); then the daemon must still answer, and what it shows must be
     * whole: the journal verifies and {@code system check} (every blob and layer re-hashed) passes.
     * (A {@code journal rebuild} needs space for a scratch index: it runs once the space is freed.)
     */
    private static void refused(String what, Op op, Api api, String names) {
        String message;
        try {
            Object result = op.run();
            throw new AssertionError(what + " on a full disk succeeded: " + result);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            message = String.valueOf(e.getMessage());
        }
        String lower = message.toLowerCase();
        assertTrue(lower.contains("no space left on device") || lower.contains("reserve"),
                what + ": the error names the lack of space: " + message);
        // the operation's own write fails first (load and commit stage before they journal), or the
        // journal refuses the event that would dip into its reserve, naming that event (a build
        // journals builder.start before its COPY writes; a create journals container.create)
        assertTrue(lower.contains(names) || (lower.contains("reserve") && lower.contains(" refused: journal ")),
                what + ": the error names the operation (" + names + ") or the refused event: " + message);
        assertTrue(api.ping(), what + ": the daemon answers after the failure");
        JsonNode journal = api.client().get("/cairn/journal/verify");
        assertEquals(0, journal.path("Problems").size(), what + ": " + journal);
        JsonNode check = api.client().get("/cairn/system/check");
        assertEquals(0, check.path("Problems").size(), what + ": " + check);
        System.out.println("DiskFullIT: " + what + " refused: " + message);
    }
}
