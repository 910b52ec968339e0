package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * bin/cairn's class-data-sharing archive, in a private copy of the client's layout (bin/cairn,
 * cli/target, .cairn-jvm; no engine/target) so that the tree's own archives are never touched: the client runs on its
 * short class path; an archive dumped from a recorded class list serves picocli's classes; an archive
 * older than a jar is skipped, silently, and the command still works.
 */
class LauncherIT {

    private static final String JAR = "cairn-cli-0.1.0-SNAPSHOT.jar";
    private Path home;
    private Path launcher;
    private Path jar;

    @BeforeEach
    void copyLayout() throws Exception {
        home = Files.createTempDirectory(Path.of("/tmp"), "cairn-launcher-");
        Path target = Files.createDirectories(home.resolve("cli/target"));
        Files.createDirectories(home.resolve("bin"));
        launcher = Files.copy(Cairn.LAUNCHER, home.resolve("bin/cairn"), StandardCopyOption.COPY_ATTRIBUTES);
        Path built = Cairn.HOME.resolve("cli/target");
        jar = Files.copy(built.resolve(JAR), target.resolve(JAR));
        Files.copy(built.resolve("classpath.txt"), target.resolve("classpath.txt"));
        // the archive is recorded after the jar and class path files: give them an older mtime
        FileTime past = FileTime.fromMillis(System.currentTimeMillis() - 60_000);
        for (String file : List.of(JAR, "classpath.txt")) {
            Files.setLastModifiedTime(target.resolve(file), past);
        }
    }

    @AfterEach
    void delete() throws Exception {
        Scratch.delete(home);
    }

    private Exec.Result cairn(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        return Exec.run(cmd, env);
    }

    /** Classes loaded by {@code cairn --version}, from -Xlog:class+load on stdout. */
    private List<String> loaded() throws Exception {
        Exec.Result r = cairn(Map.of("CAIRN_JVM_EXTRA", "-Xlog:class+load"), "--version");
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.err(), "nothing on stderr");
        assertTrue(r.out().contains("Cairn version"), r.out());
        return r.lines().stream().filter(l -> l.contains(" source: ")).toList();
    }

    private static boolean picocliFromArchive(List<String> classes) {
        return classes.stream().anyMatch(l -> l.contains(" picocli.CommandLine ") && l.contains("shared objects file"));
    }

    @Test
    void theClientRunsOnItsShortClassPathAndUsesAFreshArchiveButNotAStaleOne() throws Exception {
        List<String> noArchive = loaded();
        assertFalse(picocliFromArchive(noArchive), "no archive yet");
        assertTrue(noArchive.stream().noneMatch(l -> l.contains("rocksdb") || l.contains("chronicle")
                || l.contains("jetty") || l.contains("io.cairn.engine")), "the client loads none of the daemon's jars");

        Path list = home.resolve("client.lst");
        Exec.Result recorded = cairn(Map.of("CAIRN_CLASS_LIST", list.toString()), "--version");
        assertEquals(0, recorded.exit(), recorded.toString());
        assertTrue(Files.readString(list).contains("picocli/CommandLine\n"), "picocli recorded in " + list);
        Path archive = home.resolve(".cairn-jvm/client.jsa");
        Files.createDirectories(archive.getParent());
        Exec.Result dumped = cairn(Map.of("CAIRN_CLASS_LIST", list.toString(), "CAIRN_CDS_DUMP", archive.toString()),
                "--version");
        assertEquals(0, dumped.exit(), dumped.toString());
        assertTrue(Files.size(archive) > 0, "archive written");

        assertTrue(picocliFromArchive(loaded()), "picocli (Java 5 class files) is served by the static archive");

        // a jar rebuilt after the archive: the JVM would refuse the whole archive; the launcher skips it
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 5_000));
        List<String> stale = loaded();
        assertFalse(picocliFromArchive(stale), "stale archive not used");
        assertTrue(stale.stream().anyMatch(l -> l.contains(" java.lang.Object ") && l.contains("shared objects file")),
                "the JDK's default archive still serves the JDK's classes");
    }
}
