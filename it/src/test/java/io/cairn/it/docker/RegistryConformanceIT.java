package io.cairn.it.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import io.cairn.it.registry.LoopbackRegistry;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The docker CLI's image and registry commands against Cairn and Debian's docker-registry on
 * loopback: login, tag, push, rmi, pull, images, history, prune, and the events they leave, with
 * Docker's outputs and exit codes.
 */
class RegistryConformanceIT extends DockerCliAgainstCairn {

    private LoopbackRegistry registry;

    @Override
    protected void beforeDaemon() throws Exception {
        registry = LoopbackRegistry.start(work.resolve("registry"));
    }

    @AfterAll
    void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void anImageGoesToTheRegistryAndComesBackAsDockerShowsIt() throws Exception {
        String since = docker.run("system", "info", "--format", "{{.SystemTime}}").ok().out().strip();
        String repo = registry.host() + "/conf";
        String ref = repo + ":1";

        Exec.Result login = docker.run("login", "-u", "anyone", "-p", "any-password", registry.host());
        // a registry without authentication takes anyone: Docker's daemon answers "Login Succeeded"
        assertEquals(0, login.exit(), login.toString());
        assertTrue(login.out().contains("Login Succeeded"), login.toString());
        assertTrue(Files.readString(work.resolve("docker-config/config.json")).contains(registry.host()),
                "the docker CLI stored the login where it keeps them");

        assertEquals("", docker.run("tag", "bb", ref).ok().out());
        Exec.Result push = docker.run("push", ref).ok();
        assertTrue(push.out().contains("The push refers to repository [" + repo + "]"), push.toString());
        assertTrue(push.out().contains("1: digest: sha256:"), push.toString());

        List<String> rmi = docker.run("rmi", ref).ok().lines();
        assertEquals("Untagged: " + ref, rmi.get(0), "bb keeps the image: only the tag goes");
        Exec.Result missing = docker.run("image", "inspect", ref);
        assertEquals(1, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("No such image: " + ref), missing.toString());

        Exec.Result pull = docker.run("pull", ref).ok();
        List<String> lines = pull.lines();
        assertEquals(ref, lines.get(lines.size() - 1), "the docker CLI ends with the reference: " + pull);
        assertTrue(pull.out().contains("Digest: sha256:") && pull.out().contains("Status: Downloaded newer image for " + ref),
                pull.toString());
        Exec.Result again = docker.run("pull", ref).ok();
        assertTrue(again.out().contains("Status: Image is up to date for " + ref), again.toString());
        assertEquals(ref + "\n", docker.run("images", "--format", "{{.Repository}}:{{.Tag}}", repo).ok().out());
        assertEquals(docker.run("image", "inspect", "-f", "{{.Id}}", "bb").ok().out(),
                docker.run("image", "inspect", "-f", "{{.Id}}", ref).ok().out(), "the same image came back");
        assertTrue(docker.run("history", "-q", ref).ok().lines().size() >= 1);

        Exec.Result unknown = docker.run("pull", registry.host() + "/conf:nope");
        assertEquals(1, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("Error response from daemon"), unknown.toString());

        assertTrue(docker.run("image", "prune", "-f").ok().out().contains("Total reclaimed space:"));
        assertTrue(docker.run("system", "prune", "-f").ok().out().contains("Total reclaimed space:"));

        String until = docker.run("system", "info", "--format", "{{.SystemTime}}").ok().out().strip();
        List<String> actions = docker.run("events", "--since", since, "--until", until, "--filter", "type=image",
                "--format", "{{.Action}} {{.Actor.Attributes.name}}").ok().lines();
        assertTrue(actions.contains("tag " + ref) && actions.contains("untag " + ref) && actions.contains("pull " + ref),
                "tag, untag and pull are image events, named as Docker names them: " + actions);

        assertTrue(docker.run("logout", registry.host()).ok().out().contains("Removing login credentials for "
                + registry.host()));
    }
}
