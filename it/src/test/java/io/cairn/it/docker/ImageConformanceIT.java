package io.cairn.it.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docker build} (the legacy builder's API) and {@code docker load}/{@code save} against Cairn,
 * with the outputs scripts depend on.
 */
class ImageConformanceIT extends DockerCliAgainstCairn {


    /** The legacy builder's closing lines, which scripts grep for; -q prints the image ID alone. */
    @Test
    void buildEndsWithSuccessfullyBuiltAndTaggedAndQuietPrintsTheIdAlone() throws Exception {
        Path context = Files.createDirectories(work.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM bb\nRUN echo built > /built\n");
        Exec.Result built = ok(docker.run("build", "-t", "app:1", context.toString()));
        String id = ok(docker.run("image", "inspect", "--format", "{{.Id}}", "app:1")).out().trim();
        assertTrue(built.out().contains("Successfully built " + id.substring(7, 19)), built.out());
        assertTrue(built.out().contains("Successfully tagged app:1"), built.out());

        Exec.Result quiet = ok(docker.run("build", "-q", "-t", "app:2", context.toString()));
        assertEquals(id, quiet.out().trim(), "only the ID: " + quiet.out());
    }

    /** {@code images -q}: one ID per row of the table, so an image under three names prints it three times. */
    @Test
    void quietImagesPrintsAnIdPerTagAsTheDockerCliDoes() throws Exception {
        ok(cairn.run("tag", "bb", "bb-quiet:one"));
        ok(cairn.run("tag", "bb", "bb-quiet:two"));
        try {
            List<String> docker = ok(this.docker.run("images", "-q", "bb-quiet")).lines();
            assertEquals(2, docker.size(), docker.toString());
            assertEquals(docker, ok(cairn.run("images", "-q", "bb-quiet")).lines());
            assertEquals(ok(this.docker.run("images", "-q")).lines(), ok(cairn.run("images", "-q")).lines());
        } finally {
            cairn.run("rmi", "bb-quiet:one", "bb-quiet:two");
        }
    }

    /**
     * With -f outside the context the docker CLI appends the Dockerfile to the context tar and ends
     * the stream without the end-of-archive blocks; dockerd reads it, so Cairn does.
     */
    @Test
    void buildWithADockerfileOutsideTheContext() throws Exception {
        Path context = Files.createDirectories(work.resolve("ctx-outside"));
        Files.writeString(context.resolve("greeting"), "hello\n");
        Path dockerfile = Files.writeString(work.resolve("Outside.Dockerfile"), "FROM bb\nCOPY greeting /greeting\n");
        ok(docker.run("build", "-f", dockerfile.toString(), "-t", "outside", context.toString()));
        assertEquals("hello", ok(cairn.run("run", "--rm", "outside", "cat", "/greeting")).out().trim());
    }

    /** docker load renders the stream (application/json) instead of printing raw JSON; -q keeps only the result. */
    @Test
    void loadPrintsWhatItLoadedAndQuietKeepsOnlyThat() throws Exception {
        Path archive = work.resolve("bb.tar");
        ok(docker.run("save", "-o", archive.toString(), "bb"));
        ok(docker.run("rmi", "bb"));
        Exec.Result loaded = ok(docker.run("load", "-i", archive.toString()));
        assertTrue(loaded.out().contains("Loaded image: bb:latest"), loaded.out());
        assertFalse(loaded.out().contains("{\""), "rendered, not raw JSON: " + loaded.out());
        Exec.Result quiet = ok(docker.run("load", "-q", "-i", archive.toString()));
        assertEquals("Loaded image: bb:latest", quiet.out().trim(), quiet.out());
    }

    private static Exec.Result ok(Exec.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }
}
