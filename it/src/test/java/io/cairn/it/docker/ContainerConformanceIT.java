package io.cairn.it.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The container and volume commands of the stock docker CLI against Cairn, one test per family,
 * each asserting what Docker prints and exits with: the name echoed by start/stop/rm/pause/kill,
 * the exit code of {@code run} and {@code exec} passed through, the daemon's refusal in Docker's
 * words with exit 1. What each covers is named in its method; docs/API.md lists the endpoints.
 */
class ContainerConformanceIT extends DockerCliAgainstCairn {

    @AfterEach
    void removeContainers() throws Exception {
        for (String id : docker.run("ps", "-aq").ok().lines()) {
            docker.run("rm", "-f", id);
        }
    }

    /** create, start, ps, stop, rm: each echoes its argument; a second rm is Docker's "No such container". */
    @Test
    void createStartStopRmEchoTheirArgumentsAsDocker() throws Exception {
        String id = docker.run("create", "--name", "c1", "bb", "sleep", "600").ok().out().strip();
        assertTrue(id.matches("[0-9a-f]{64}"), id);
        assertEquals("c1\n", docker.run("start", "c1").ok().out());
        assertEquals("c1 running\n", docker.run("ps", "--format", "{{.Names}} {{.State}}").ok().out());
        assertEquals("c1\n", docker.run("stop", "-t", "1", "c1").ok().out());
        String status = docker.run("ps", "-a", "--filter", "name=c1", "--format", "{{.Status}}").ok().out();
        assertTrue(status.startsWith("Exited (137)"), "sleep ignores SIGTERM as PID 1, so the stop kills it: " + status);
        assertEquals(id.substring(0, 12) + "\n", docker.run("ps", "-aq", "--filter", "name=c1").ok().out());
        assertEquals("c1\n", docker.run("rm", "c1").ok().out());
        Exec.Result again = docker.run("rm", "c1");
        assertEquals(1, again.exit(), again.toString());
        // the docker CLI 28 prints the daemon's words after "Error response from daemon: ", 20.10 after "Error: "
        assertTrue(again.err().contains("Error response from daemon: No such container: c1")
                || again.err().contains("Error: No such container: c1"), again.toString());
    }

    /** run: the process's streams and exit code are the command's; logs, wait and inspect after it. */
    @Test
    void runPassesStreamsAndExitCodeAndLogsWaitInspectReadTheEnd() throws Exception {
        Exec.Result run = docker.run("run", "--rm", "bb", "sh", "-c", "echo out; echo err >&2; exit 3");
        assertEquals(3, run.exit(), run.toString());
        assertEquals("out\n", run.out());
        assertEquals("err\n", run.err());
        docker.run("run", "-d", "--name", "lg", "bb", "sh", "-c", "echo one; echo two").ok();
        assertEquals("0\n", docker.run("wait", "lg").ok().out());
        assertEquals("one\ntwo\n", docker.run("logs", "lg").ok().out());
        assertEquals("two\n", docker.run("logs", "--tail", "1", "lg").ok().out());
        assertEquals("0 false\n", docker.run("inspect", "-f", "{{.State.ExitCode}} {{.State.Running}}", "lg").ok().out());
        Exec.Result missing = docker.run("run", "--rm", "bb", "/no/such/binary");
        assertEquals(127, missing.exit(), "Docker's exit code for a command that cannot be found: " + missing);
    }

    /** exec: output, exit code, -w, -e, -u, as Docker's. */
    @Test
    void execRunsInTheContainerWithItsOptionsAndPassesTheExitCode() throws Exception {
        docker.run("run", "-d", "--name", "ex", "bb", "sleep", "600").ok();
        assertEquals("hi\n", docker.run("exec", "ex", "echo", "hi").ok().out());
        assertEquals(5, docker.run("exec", "ex", "sh", "-c", "exit 5").exit());
        assertEquals("/tmp\n", docker.run("exec", "-w", "/tmp", "ex", "pwd").ok().out());
        assertEquals("b\n", docker.run("exec", "-e", "A=b", "ex", "sh", "-c", "echo $A").ok().out());
        assertEquals("1000\n", docker.run("exec", "-u", "1000", "ex", "id", "-u").ok().out());
        Exec.Result stopped = docker.run("exec", "nope", "true");
        assertEquals(1, stopped.exit(), stopped.toString());
        assertTrue(stopped.err().contains("No such container: nope"), stopped.toString());
    }

    /** cp both ways, diff, commit: the writable layer as Docker shows and saves it. */
    @Test
    void cpDiffAndCommitSeeTheWritableLayer() throws Exception {
        docker.run("run", "-d", "--name", "fs", "bb", "sleep", "600").ok();
        Path in = Files.writeString(work.resolve("in.txt"), "from the host\n");
        docker.run("cp", in.toString(), "fs:/tmp/in.txt").ok();
        assertEquals("from the host\n", docker.run("exec", "fs", "cat", "/tmp/in.txt").ok().out());
        docker.run("exec", "fs", "sh", "-c", "echo made inside > /made").ok();
        Path out = work.resolve("made.txt");
        docker.run("cp", "fs:/made", out.toString()).ok();
        assertEquals("made inside\n", Files.readString(out));
        List<String> diff = docker.run("diff", "fs").ok().lines();
        assertTrue(diff.contains("A /made") && diff.contains("C /tmp") && diff.contains("A /tmp/in.txt"), diff.toString());
        String image = docker.run("commit", "fs", "snap:1").ok().out().strip();
        assertTrue(image.matches("sha256:[0-9a-f]{64}"), image);
        assertEquals("made inside\n", docker.run("run", "--rm", "snap:1", "cat", "/made").ok().out());
        docker.run("rmi", "snap:1").ok();
    }

    /** top, stats, pause/unpause, rename, restart, kill, port: Docker's outputs. */
    @Test
    void processCommandsAnswerAsDocker() throws Exception {
        docker.run("run", "-d", "--name", "pr", "bb", "sleep", "600").ok();
        List<String> top = docker.run("top", "pr").ok().lines();
        assertTrue(top.get(0).startsWith("UID") && top.get(0).contains("CMD"), top.toString());
        assertTrue(top.stream().anyMatch(l -> l.endsWith("sleep 600")), top.toString());
        assertEquals("pr\n", docker.run("stats", "--no-stream", "--format", "{{.Name}}", "pr").ok().out());
        assertEquals("pr\n", docker.run("pause", "pr").ok().out());
        assertEquals("paused\n", docker.run("inspect", "-f", "{{.State.Status}}", "pr").ok().out());
        assertEquals("pr\n", docker.run("unpause", "pr").ok().out());
        assertEquals("", docker.run("rename", "pr", "qr").ok().out());
        assertEquals("qr\n", docker.run("restart", "-t", "1", "qr").ok().out());
        assertEquals("true 0\n", docker.run("inspect", "-f", "{{.State.Running}} {{.RestartCount}}", "qr").ok().out(),
                "running again; a manual restart is not counted (Docker counts the policy's restarts only)");
        assertEquals("", docker.run("port", "qr").ok().out(), "no published port");
        assertEquals("qr\n", docker.run("kill", "qr").ok().out());
        assertEquals("137\n", docker.run("wait", "qr").ok().out());
        Exec.Result dead = docker.run("kill", "qr");
        assertEquals(1, dead.exit(), dead.toString());
        assertTrue(dead.err().contains("is not running"), dead.toString());
        Exec.Result pruned = docker.run("container", "prune", "-f").ok();
        assertTrue(pruned.out().contains("Total reclaimed space:"), pruned.toString());
        assertEquals("", docker.run("ps", "-aq").ok().out(), "prune removed the stopped container");
    }

    /** volume create, ls, inspect, rm; a container's data in a named volume outlives it. */
    @Test
    void volumesKeepDataAcrossContainersAndRefuseAsDocker() throws Exception {
        assertEquals("v1\n", docker.run("volume", "create", "v1").ok().out());
        assertTrue(docker.run("volume", "ls", "-q").ok().lines().contains("v1"));
        docker.run("run", "--rm", "-v", "v1:/data", "bb", "sh", "-c", "echo kept > /data/f").ok();
        assertEquals("kept\n", docker.run("run", "--rm", "-v", "v1:/data", "bb", "cat", "/data/f").ok().out());
        assertEquals("local\n", docker.run("volume", "inspect", "-f", "{{.Driver}}", "v1").ok().out());
        docker.run("create", "--name", "holder", "-v", "v1:/data", "bb", "true").ok();
        Exec.Result inUse = docker.run("volume", "rm", "v1");
        assertEquals(1, inUse.exit(), inUse.toString());
        assertTrue(inUse.err().contains("volume is in use"), inUse.toString());
        docker.run("rm", "holder").ok();
        assertEquals("v1\n", docker.run("volume", "rm", "v1").ok().out());
        Exec.Result gone = docker.run("volume", "inspect", "v1");
        assertEquals(1, gone.exit(), gone.toString());
        assertTrue(gone.err().toLowerCase(java.util.Locale.ROOT).contains("no such volume"), gone.toString());
    }
}
