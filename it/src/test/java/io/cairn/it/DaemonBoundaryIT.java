package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the daemon never lends to a local user who is not root, nor to an image (issue 10, A4, A5,
 * A6 and B5): the root is closed (a setuid-root binary of an image cannot be run from a container's
 * rootfs by anyone else), files holding environments and logs are the owner's alone, the socket
 * answers only root and its group, and an image's bare {@code Env} entry never takes the daemon's
 * own value. The daemon of this class is started with {@code SECRET_X} in its environment.
 */
class DaemonBoundaryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NOBODY = 65534;
    /** A uid and gid that no account and no group on the host has. */
    private static final int STRANGER = 4242;
    private static final String DAEMON_SECRET = "the-daemons-own-value";
    private static final List<String> STATE_DIRS = List.of("journal", "index", "blobs", "layers", "containers",
            "runtime", "volumes", "tmp");

    private static Cairn cairn;

    @BeforeAll
    static void loadAnImageWithASetuidProbe() throws Exception {
        // made as a user makes /var/lib/cairn (mkdir: 0755), not as a temporary directory (0700), so
        // that whether the root is closed is the daemon's doing
        cairn = new Cairn(Path.of("/tmp", "cairn-boundary-" + Long.toHexString(System.nanoTime())));
        chmod(cairn.root(), 0755);
        Path work = Files.createTempDirectory(Path.of("/tmp"), "cairn-boundary-");
        try {
            Path busybox = work.resolve("busybox.tar");
            Exec.run(List.of(Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(), busybox.toString())).ok();
            byte[] probe = DockerArchive.layer(Map.of("probe",
                    new DockerArchive.File(SetuidProbe.executable(), 04755, 0, 0)));
            Path archive = work.resolve("probe.tar");
            DockerArchive.write(archive, "probe:latest", "{\"Cmd\":[\"/bin/sh\"],"
                    + "\"Env\":[\"PATH=/usr/sbin:/usr/bin:/sbin:/bin\",\"SECRET_X\",\"KEEP=1\"]}",
                    List.of(Files.readAllBytes(busybox), probe));
            cairn.startDaemon(Map.of("SECRET_X", DAEMON_SECRET));
            cairn.run("load", "-i", archive.toString()).ok();
        } finally {
            Scratch.delete(work);
        }
    }

    @AfterAll
    static void cleanUp() throws Exception {
        cairn.close();
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String id : cairn.run("ps", "-a", "-q").lines()) {
            cairn.run("rm", "-f", id);
        }
    }

    // ---- A4: the root is closed, so an image's setuid binary gives no one else root

    @Test
    void anotherUserCannotRunASetuidBinaryFromAContainersRootfs() throws Exception {
        String id = cairn.run("run", "-d", "probe", "sleep", "60").ok().out().trim();
        Path probe = rootfs(id).resolve("probe");
        assertTrue(Files.isExecutable(probe), "root sees the probe at " + probe);
        Exec.Result attack = AsUser.run(NOBODY, NOBODY, probe.toString());
        assertNotEquals(0, attack.exit(), "nobody became root through " + probe + ": " + attack);
        assertEquals(126, attack.exit(), "the path is closed to nobody: " + attack);
        assertNotEquals(0, AsUser.run(NOBODY, NOBODY, "ls", rootfs(id).toString()).exit());
    }

    @Test
    void theRootfsIsNodevOnTheHostWhileSetuidStillWorksInside() throws Exception {
        // as in Docker, a setuid binary works inside the container: nobody runs the probe as root there
        Exec.Result inside = cairn.run("run", "--rm", "-u", String.valueOf(NOBODY), "probe", "/probe");
        assertEquals(0, inside.exit(), "setuid inside the container: " + inside);
        String id = cairn.run("run", "-d", "probe", "sh", "-c", "mknod /tmp/null c 1 3 && touch /tmp/made && sleep 60")
                .ok().out().trim();
        Path rootfs = rootfs(id);
        waitFor(rootfs.resolve("tmp/made"));
        List<String> options = List.of(mountOptions(rootfs).split(","));
        assertTrue(options.contains("nodev"), rootfs + " is mounted " + options);
        // nosuid would reach the container too (runc's bind of its rootfs keeps the flag) and break setuid
        // inside it; the closed root keeps other users away instead
        assertFalse(options.contains("nosuid"), rootfs + " is mounted " + options);
        // a device node the container made opens nothing through the host's mount, not even for root
        assertThrows(AccessDeniedException.class, () -> Files.newInputStream(rootfs.resolve("tmp/null")).close());
    }

    /**
     * Not a regression test but the reason the host-side mount needs no {@code nosuid}: a user whose uid
     * runs in a container reaches its files through /proc/PID/root (as with Docker without user
     * namespaces: see RELIABILITY), but the kernel honours no setuid bit on a mount of another mount
     * namespace.
     */
    @Test
    void aSetuidBinaryReachedThroughProcPidRootGivesNoPrivilege() throws Exception {
        String id = cairn.run("run", "-d", "-u", String.valueOf(NOBODY), "probe", "sleep", "60").ok().out().trim();
        long pid = JSON.readTree(cairn.run("inspect", id).ok().out()).get(0).path("State").path("Pid").asLong();
        assertTrue(pid > 0, "pid of " + id);
        Exec.Result probe = AsUser.run(NOBODY, NOBODY, "/proc/" + pid + "/root/probe");
        assertEquals(SetuidProbe.NOBODY, probe.exit(), "the probe ran, as nobody and nothing more: " + probe);
    }

    // ---- A5: files holding secrets are the owner's alone; B5: the socket answers root and its group

    @Test
    void theRootIsClosedAndEveryFileHoldingSecretsIsOwnerOnly() throws Exception {
        String secret = "s3cret-" + System.nanoTime();
        // running, so that runc's and conmon's files exist too
        String id = cairn.run("run", "-d", "-e", "TOKEN=" + secret, "probe", "sh", "-c", "echo $TOKEN; sleep 60")
                .ok().out().trim();
        for (int i = 0; i < 50 && !cairn.run("logs", id).out().contains(secret); i++) {
            Thread.sleep(200);
        }
        assertEquals(secret + "\n", cairn.run("logs", id).ok().out());
        Path root = cairn.root();
        assertEquals(expectedRootMode(), mode(root));
        for (String dir : STATE_DIRS) {
            assertEquals(0700, mode(root.resolve(dir)), dir);
        }
        assertEquals(0660, mode(root.resolve("cairn.sock")));
        // what others can actually reach: nothing (a directory without o+x hides all below it)
        List<String> reachable = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if ((mode(dir) & 01) == 0) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if ((mode(dir) & 04) != 0) {
                    reachable.add("listable: " + dir);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!attrs.isSymbolicLink() && (mode(file) & 04) != 0) {
                    reachable.add("readable: " + file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertEquals(List.of(), reachable, "reachable by other users");
        // and, were the root opened again, the files that hold environments, arguments and logs stay the owner's
        List<Path> holders = new ArrayList<>(List.of(root.resolve("daemon.log"), root.resolve("cairn.pid"),
                root.resolve("cairn.lock")));
        for (String dir : List.of("journal", "index", "blobs", "containers", "runtime")) {
            try (var files = Files.walk(root.resolve(dir))) {
                files.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                        .filter(f -> !dir.equals("containers") || Set.of("config.json", "container.log")
                                .contains(f.getFileName().toString()))
                        .filter(f -> !dir.equals("runtime") || f.getFileName().toString().equals("runc.log"))
                        .forEach(holders::add);
            }
        }
        List<String> open = new ArrayList<>();
        List<Path> holdingTheSecret = new ArrayList<>();
        for (Path f : holders) {
            if ((mode(f) & 077) != 0) {
                open.add(Integer.toOctalString(mode(f)) + " " + f);
            }
            if (Files.size(f) < (8 << 20) && new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret)) {
                holdingTheSecret.add(root.relativize(f));
            }
        }
        assertFalse(holdingTheSecret.isEmpty(), "the files checked include those holding the container's environment");
        assertTrue(holders.stream().anyMatch(f -> f.getFileName().toString().equals("runc.log")), holders.toString());
        assertEquals(List.of(), open, "open to group or others; the secret is in " + holdingTheSecret);
    }

    @Test
    void aRootLeftOpenByAnOlderCairnIsClosedAtStart() throws Exception {
        try (Cairn old = new Cairn(Path.of("/tmp", "cairn-old-" + Long.toHexString(System.nanoTime())))) {
            old.startDaemon();
            old.stopDaemon();
            // as Cairn left a root before: 0755 directories, 0644 files
            Path root = old.root();
            chmod(root, 0755);
            for (String dir : STATE_DIRS) {
                if (Files.isDirectory(root.resolve(dir))) {
                    chmod(root.resolve(dir), 0755);
                }
            }
            chmod(root.resolve("daemon.log"), 0644);
            List<Path> journal;
            try (var files = Files.list(root.resolve("journal"))) {
                // the clean stop's seal is consumed by the next start (journal/cairn-clean-close.seal)
                journal = files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".seal")).toList();
            }
            assertFalse(journal.isEmpty());
            for (Path f : journal) {
                chmod(f, 0644);
            }
            assertEquals(0, AsUser.run(NOBODY, NOBODY, "cat", root.resolve("daemon.log").toString()).exit(),
                    "the root is open before the start");
            old.startDaemon();
            assertEquals(expectedRootMode(), mode(root));
            for (String dir : STATE_DIRS) {
                assertEquals(0700, mode(root.resolve(dir)), dir);
            }
            assertEquals(0600, mode(root.resolve("daemon.log")));
            for (Path f : journal) {
                assertEquals(0600, mode(f), f.toString());
            }
            assertNotEquals(0, AsUser.run(NOBODY, NOBODY, "cat", root.resolve("daemon.log").toString()).exit());
        }
    }

    @Test
    void theSocketRefusesAUserOutsideItsGroup() throws Exception {
        String socket = cairn.root().resolve("cairn.sock").toString();
        assertEquals("OK", Exec.run(ping(socket)).ok().out(), "root is served");
        Exec.Result nobody = AsUser.run(NOBODY, NOBODY, ping(socket).toArray(String[]::new));
        assertEquals(7, nobody.exit(), "curl could not connect: " + nobody);
    }

    @Test
    void theSocketGroupReachesTheSocketAndNothingElse() throws Exception {
        try (Cairn grouped = new Cairn(Path.of("/tmp", "cairn-group-" + Long.toHexString(System.nanoTime())))) {
            grouped.startDaemon("--group", "nogroup");
            Path root = grouped.root();
            Path socket = root.resolve("cairn.sock");
            assertEquals(0710, mode(root));
            assertEquals("nogroup", Files.readAttributes(root, PosixFileAttributes.class).group().getName());
            assertEquals(0660, mode(socket));
            assertEquals("nogroup", Files.readAttributes(socket, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).group().getName());
            Exec.Result member = AsUser.run(NOBODY, NOBODY, ping(socket.toString()).toArray(String[]::new));
            assertEquals("OK", member.ok().out(), "a member of the group is served");
            Exec.Result stranger = AsUser.run(STRANGER, STRANGER, ping(socket.toString()).toArray(String[]::new));
            assertEquals(7, stranger.exit(), "curl could not connect: " + stranger);
            // the group traverses the root to its socket, and can read or list nothing in it
            assertNotEquals(0, AsUser.run(NOBODY, NOBODY, "ls", root.toString()).exit());
            assertNotEquals(0, AsUser.run(NOBODY, NOBODY, "cat", root.resolve("daemon.log").toString()).exit());
            assertNotEquals(0, AsUser.run(NOBODY, NOBODY, "ls", root.resolve("containers").toString()).exit());
        }
    }

    @Test
    void aSocketGroupThatDoesNotExistStopsTheStart() throws Exception {
        try (Cairn c = new Cairn()) {
            Exec.Result r = Exec.run(c.command("daemon", "--group", "no-such-group-for-cairn"));
            assertEquals(1, r.exit(), r.toString());
            assertTrue(r.err().contains("--group no-such-group-for-cairn: no such group"), r.toString());
        }
    }

    // ---- A6: the daemon's environment is never a container's

    @Test
    void aBareEnvEntryOfAnImageNeverTakesTheDaemonsValue() throws Exception {
        String environ = Files.readString(Path.of("/proc/" + cairn.daemonPid() + "/environ"), StandardCharsets.ISO_8859_1);
        assertTrue(environ.contains("SECRET_X=" + DAEMON_SECRET), "the daemon runs with SECRET_X");
        List<String> env = cairn.run("run", "--rm", "probe", "env").ok().lines();
        assertTrue(env.contains("KEEP=1"), env.toString());
        assertFalse(env.stream().anyMatch(e -> e.startsWith("SECRET_X")), "the daemon's SECRET_X leaked: " + env);
    }

    @Test
    void dashEIsResolvedByTheClientAndAVariableItLacksIsUnsetAsInDocker() throws Exception {
        List<String> set = cairn.run(Map.of("CLIENT_ONLY", "from-the-client"), "run", "--rm", "-e", "CLIENT_ONLY",
                "probe", "env").ok().lines();
        assertTrue(set.contains("CLIENT_ONLY=from-the-client"), set.toString());
        // this client has neither: SECRET_X is the daemon's (never given), KEEP=1 the image's (unset)
        List<String> unset = cairn.run("run", "--rm", "-e", "SECRET_X", "-e", "KEEP", "probe", "env").ok().lines();
        assertFalse(unset.stream().anyMatch(e -> e.startsWith("SECRET_X") || e.startsWith("KEEP")), unset.toString());
    }

    // ----

    private static Path rootfs(String id) {
        return cairn.root().resolve("containers").resolve(id).resolve("rootfs");
    }

    /** 0710 when the default socket group exists on this host, else 0700. */
    private static int expectedRootMode() throws IOException {
        try {
            FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName("cairn");
            return 0710;
        } catch (UserPrincipalNotFoundException e) {
            return 0700;
        }
    }

    private static List<String> ping(String socket) {
        return List.of("curl", "-sS", "--unix-socket", socket, "http://cairn/_ping");
    }

    /** The per-mount options of the mount at {@code target} in /proc/self/mountinfo. */
    private static String mountOptions(Path target) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] f = line.split(" ");
            if (f[4].equals(target.toString())) {
                return f[5];
            }
        }
        throw new AssertionError("nothing is mounted at " + target);
    }

    private static void waitFor(Path file) throws InterruptedException {
        for (int i = 0; i < 500 && !Files.exists(file); i++) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(file), file + " never appeared");
    }

    private static int mode(Path p) throws IOException {
        int m = 0;
        for (PosixFilePermission bit : Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)) {
            m |= 1 << (8 - bit.ordinal());
        }
        return m;
    }

    private static void chmod(Path p, int mode) throws IOException {
        Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString(
                String.format("%s%s%s", rwx(mode >> 6), rwx(mode >> 3), rwx(mode))));
    }

    private static String rwx(int bits) {
        return ((bits & 4) != 0 ? "r" : "-") + ((bits & 2) != 0 ? "w" : "-") + ((bits & 1) != 0 ? "x" : "-");
    }
}
