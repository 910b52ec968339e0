package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A hostile process inside a container, with real conmon and runc and Docker's default isolation,
 * tries the known ways out; each must fail. The host side keeps a secret file in a fresh directory
 * under /tmp: no attempt may read it, write next to it, or change the runtime's binaries.
 *
 * <p>Not here: symlink swaps against {@code cairn cp}, which Cairn does not have.
 */
class EscapeIT {

    private static final String SECRET = "host-secret-" + Long.toHexString(System.nanoTime());
    private static Cairn cairn;
    private static Path hostDir;

    @BeforeAll
    static void setUp() throws Exception {
        Tools.require("runc", "apt-get install -y runc");
        Tools.require("conmon", "apt-get install -y conmon");
        cairn = new Cairn();
        cairn.startDaemon();
        BusyboxImage.importAs(cairn, "bb");
        hostDir = Files.createTempDirectory(Path.of("/tmp"), "cairn-escape-");
        Files.writeString(hostDir.resolve("secret"), SECRET + "\n");
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            if (cairn != null) {
                for (String id : cairn.run("ps", "-a", "-q").lines()) {
                    cairn.run("rm", "-f", id);
                }
                assertEquals(List.of(), BusyboxImage.leftovers(cairn));
            }
        } finally {
            if (hostDir != null) {
                Scratch.delete(hostDir);
            }
            if (cairn != null) {
                cairn.close();
            }
        }
    }

    @AfterEach
    void hostDirectoryUntouched() throws Exception {
        try (var files = Files.list(hostDir)) {
            assertEquals(List.of(hostDir.resolve("secret")), files.toList(), "nothing written into the host directory");
        }
        assertEquals(SECRET + "\n", Files.readString(hostDir.resolve("secret")));
    }

    private static Exec.Result sh(String script) throws Exception {
        return cairn.run("run", "--rm", "bb", "sh", "-c", script);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    // ---- CVE-2024-21626: a working directory through a descriptor runc leaked

    @Test
    void workdirThroughProcSelfFdDoesNotReachTheHost() throws Exception {
        for (int fd = 3; fd <= 10; fd++) {
            Exec.Result r = cairn.run("run", "--rm", "-w", "/proc/self/fd/" + fd, "bb", "sh", "-c",
                    "pwd; cat ../../../../../.." + hostDir + "/secret; ls ../../../..");
            assertFalse(r.out().contains(SECRET), "fd " + fd + ": " + r);
            assertTrue(r.exit() == 126 || r.exit() == 127, "fd " + fd + ": the process never ran: " + r);
            assertTrue(r.err().contains("runc create failed"), "runc refused the working directory: " + r);
        }
        // the same through the image's WORKDIR, which no client flag checks
        BusyboxImage.importAs(cairn, "bad-workdir", "WORKDIR /proc/self/fd/7", "CMD [\"pwd\"]");
        Exec.Result fromImage = cairn.run("run", "--rm", "bad-workdir", "sh", "-c", "cat ../../../../../.." + hostDir + "/secret");
        assertFalse(fromImage.out().contains(SECRET), fromImage.toString());
        assertNotEquals(0, fromImage.exit(), fromImage.toString());
    }

    @Test
    void aRelativeWorkdirIsRefusedAtCreateAsDockerDoes() throws Exception {
        Exec.Result r = cairn.run("create", "-w", "proc/self/fd/7", "bb", "pwd");
        assertNotEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("the working directory 'proc/self/fd/7' is invalid, it needs to be an absolute path"),
                r.err());
        assertEquals(List.of(), cairn.run("ps", "-a", "-q").lines(), "nothing created");
    }

    // ---- CVE-2019-5736: overwriting the runtime through /proc/self/exe

    @Test
    void theRuntimeCannotBeOverwrittenThroughProcSelfExe() throws Exception {
        Path runc = Tools.require("runc", "apt-get install -y runc").toRealPath();
        Path conmon = Tools.require("conmon", "apt-get install -y conmon").toRealPath();
        Path gcc = Tools.require("gcc", "apt-get install -y gcc libc6-dev");
        String runcBefore = sha256(runc);
        String conmonBefore = sha256(conmon);

        // The image's entrypoint is "#!/proc/self/exe": runc's init execs it, so the kernel runs
        // whatever /proc/self/exe of runc's init is inside the container, with the container's
        // libraries and LD_PRELOAD. The preloaded library then opens /proc/self/exe and tries to
        // write to it, directly and by reopening its descriptor, as the published exploit does.
        Path work = Files.createTempDirectory(hostDir.getParent(), "cairn-5736-");
        try {
            Path rootfs = Files.createDirectories(work.resolve("rootfs"));
            Path busybox = work.resolve("bb.tar");
            Exec.run(List.of(Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(), busybox.toString())).ok();
            Exec.run(List.of("tar", "-xf", busybox.toString(), "-C", rootfs.toString())).ok();
            for (String line : Exec.run(List.of("ldd", runc.toString())).ok().lines()) {
                String lib = line.contains("=>") ? line.split("=>")[1].trim().split(" ")[0] : line.trim().split(" ")[0];
                if (lib.startsWith("/")) {
                    Path target = rootfs.resolve(lib.substring(1));
                    Files.createDirectories(target.getParent());
                    Files.copy(Path.of(lib), target);
                }
            }
            Path source = work.resolve("evil.c");
            Files.writeString(source, String.join("\n",
                    "#include <errno.h>",
                    "#include <fcntl.h>",
                    "#include <stdio.h>",
                    "#include <string.h>",
                    "#include <unistd.h>",
                    "static void attempt(const char *what, const char *path) {",
                    "    int fd = open(path, O_WRONLY | O_APPEND);",
                    "    if (fd < 0) { printf(\"%s open: %s\\n\", what, strerror(errno)); return; }",
                    "    ssize_t n = write(fd, \"x\", 1);",
                    "    printf(\"%s write: %s\\n\", what, n == 1 ? \"WROTE\" : strerror(errno));",
                    "    close(fd);",
                    "}",
                    "__attribute__((constructor)) static void attack(void) {",
                    "    char path[64];",
                    "    char exe[256] = {0};",
                    "    readlink(\"/proc/self/exe\", exe, sizeof exe - 1);",
                    "    printf(\"exe is %s\\n\", exe);",
                    "    int ro = open(\"/proc/self/exe\", O_RDONLY);",
                    "    attempt(\"direct\", \"/proc/self/exe\");",
                    "    snprintf(path, sizeof path, \"/proc/self/fd/%d\", ro);",
                    "    for (int i = 0; i < 100; i++) attempt(\"reopen\", path);",
                    "    fflush(stdout);",
                    "    _exit(0);",
                    "}", ""));
            Exec.run(List.of(gcc.toString(), "-shared", "-fPIC", "-o", rootfs.resolve("evil.so").toString(),
                    source.toString())).ok();
            Files.writeString(rootfs.resolve("evil"), "#!/proc/self/exe\n");
            rootfs.resolve("evil").toFile().setExecutable(true, false);
            Path tar = work.resolve("evil.tar");
            Exec.run(List.of("tar", "-cf", tar.toString(), "-C", rootfs.toString(), ".")).ok();
            cairn.run("import", tar.toString(), "evil", "-c", "ENV LD_PRELOAD=/evil.so", "-c", "ENTRYPOINT [\"/evil\"]").ok();

            Exec.Result r = cairn.run("run", "--rm", "evil");
            assertTrue(r.out().contains("exe is "), "the preloaded code ran inside the container: " + r);
            assertFalse(r.out().contains("WROTE") && r.out().contains("exe is " + runc), r.toString());
        } finally {
            Scratch.delete(work);
        }
        assertEquals(runcBefore, sha256(runc), "the host's runc is unchanged");
        assertEquals(conmonBefore, sha256(conmon), "the host's conmon is unchanged");
        assertEquals("ok\n", sh("echo ok").out(), "and still runs containers");
    }

    // ---- the kernel's other doors

    @Test
    void mountAndModuleLoadingAreRefused() throws Exception {
        Exec.Result r = sh("mount -t tmpfs none /mnt && echo MOUNTED; mount -t proc proc /mnt && echo MOUNTED;"
                + " mount --bind / /mnt && echo MOUNTED; echo junk > /m.ko; insmod /m.ko && echo LOADED;"
                + " echo /tmp/x > /proc/sys/kernel/modprobe && echo MODPROBE-SET; true");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.out().contains("MOUNTED") || r.out().contains("LOADED") || r.out().contains("MODPROBE-SET"), r.toString());
        assertTrue(r.err().contains("insmod: can't insert '/m.ko': Operation not permitted"), r.err());
        assertTrue(r.err().contains("mount: permission denied"), r.err());
    }

    @Test
    void rawDevicesDoNotOpen() throws Exception {
        // the host's real block devices, as major:minor (sda 8:0, vda 253:0, …), and /dev/mem, /dev/kmsg
        StringBuilder script = new StringBuilder("ls /dev | grep -E '^(sd|vd|nvme|xvd|loop|dm-)' && echo HOST-DISK-VISIBLE;");
        List<String> devices = new java.util.ArrayList<>();
        try (var blocks = Files.list(Path.of("/sys/dev/block"))) {
            blocks.map(p -> p.getFileName().toString()).sorted().limit(4).forEach(d -> devices.add("b " + d.replace(':', ' ')));
        }
        devices.add("c 1 1");
        devices.add("c 1 11");
        // two fences, each tried alone: in /dev (a tmpfs that allows device nodes) only the device
        // cgroup stands in the way (EPERM); in /tmp the root file system is mounted nodev (EACCES)
        int n = 0;
        for (String dir : List.of("/dev", "/tmp")) {
            for (String d : devices) {
                String node = dir + "/d" + n++;
                script.append(" mknod ").append(node).append(' ').append(d).append(" && { head -c 1 ").append(node)
                        .append(" >/dev/null 2>>").append(dir).append("-refusals && echo 'OPENED ").append(node)
                        .append(' ').append(d).append("'; };");
            }
        }
        script.append(" echo '--- /dev'; cat /dev-refusals; echo '--- /tmp'; cat /tmp-refusals;");
        Exec.Result r = sh(script + " true");
        assertEquals(0, r.exit(), r.toString());
        assertFalse(r.out().contains("OPENED") || r.out().contains("HOST-DISK-VISIBLE"), r.toString());
        String out = r.out();
        String cgroup = out.substring(out.indexOf("--- /dev"), out.indexOf("--- /tmp"));
        String nodev = out.substring(out.indexOf("--- /tmp"));
        assertEquals(devices.size(), cgroup.lines().filter(l -> l.endsWith("Operation not permitted")).count(),
                "the device cgroup refused every open in /dev: " + r);
        assertEquals(devices.size(), nodev.lines().filter(l -> l.endsWith("Permission denied")).count(),
                "the nodev root file system refused every open in /tmp: " + r);
    }

    @Test
    void hostProcessesAndFilesAreOutOfSight() throws Exception {
        long self = ProcessHandle.current().pid();
        Exec.Result r = sh("ls -d /proc/[0-9]* | wc -l; test -e /proc/" + self + " && echo SEES-HOST-PID;"
                + " ps -o pid,comm | tail -n +2; cat " + hostDir + "/secret; cat /proc/1/root" + hostDir + "/secret;"
                + " find / -xdev -name secret 2>/dev/null | grep -q . && echo FOUND; true");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.lines();
        assertTrue(Integer.parseInt(lines.get(0).trim()) <= 4, "only the container's processes in /proc: " + r);
        assertFalse(r.out().contains("SEES-HOST-PID") || r.out().contains("FOUND") || r.out().contains(SECRET), r.toString());
        // busybox runs applets by re-executing itself through /proc/self/exe, so tail shows as "exe"
        assertTrue(lines.stream().skip(1).allMatch(l -> l.trim().matches("\\d+ +(sh|ps|tail|exe)")),
                "ps lists the container's own processes only: " + lines);
    }

    // ---- symlink swaps against the builder's COPY --from

    /**
     * The source stage has its own file at the host secret's path and links to it; each COPY
     * --from through a link must read the stage's file ("inside"), or fail without reading the host's.
     * (Docker resolves links in every component of the source path inside the stage; where Cairn
     * refuses a path Docker would follow, that is a missing feature, not an escape.)
     */
    @Test
    void copyFromFollowsLinksOnlyInsideTheSourceStage() throws Exception {
        String src = String.join("\n",
                "FROM bb AS src",
                "RUN mkdir -p " + hostDir + " && echo inside > " + hostDir + "/secret"
                        + " && ln -s " + hostDir + "/secret /abs && ln -s ." + hostDir + "/secret /rel"
                        + " && ln -s / /root-link && ln -s " + hostDir + " /dirlink",
                "FROM bb", "");
        for (String from : List.of("/abs", "/rel", "/root-link" + hostDir + "/secret", "/dirlink/secret")) {
            // a copied link stays a link (dangling in this image): print what it is, or what it holds
            Exec.Result built = build(src + "COPY --from=src " + from + " /copied\n"
                    + "CMD [\"sh\", \"-c\", \"if [ -L /copied ]; then echo link; else cat /copied; fi\"]\n");
            assertFalse(built.out().contains(SECRET) || built.err().contains(SECRET), from + ": " + built);
            if (built.exit() == 0) {
                Exec.Result r = cairn.run("run", "--rm", "copy-escape");
                assertTrue(r.out().equals("inside\n") || r.out().equals("link\n"), from + ": the stage's own file"
                        + " (or the link itself), not the host's: " + r);
            } else {
                assertTrue(built.err().contains("not found"), from + ": refused as absent, nothing read: " + built);
            }
        }
    }

    @Test
    void copyThroughALinkInTheTargetWritesInsideTheImage() throws Exception {
        Exec.Result built = build(String.join("\n",
                "FROM bb",
                "RUN mkdir -p /sink && ln -s " + hostDir + " /sink/out",
                "COPY Dockerfile /sink/out/written",
                "CMD [\"sh\", \"-c\", \"cat /sink/out/written " + hostDir + "/written 2>/dev/null | head -n 1\"]", ""));
        assertEquals(0, built.exit(), built.toString());
        // the file is in the image (through the link, or where the link was); @AfterEach: not on the host
        assertEquals("FROM bb\n", cairn.run("run", "--rm", "copy-escape").out());
    }

    private static Exec.Result build(String dockerfile) throws Exception {
        Path ctx = Files.createTempDirectory(hostDir.getParent(), "cairn-escape-ctx-");
        try {
            Files.writeString(ctx.resolve("Dockerfile"), dockerfile);
            return cairn.run("build", "-q", "-t", "copy-escape", ctx.toString());
        } finally {
            Scratch.delete(ctx);
        }
    }
}
