package io.cairn.it.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the builder's ITs share: one Cairn root per class with the busybox base imported as
 * {@code bb}, a fresh context directory per test, and after each test the check that the build
 * left no container and no mount behind.
 */
abstract class BuildRoot {

    static Cairn cairn;

    @TempDir
    Path ctx;

    @BeforeAll
    static void importBusybox() throws Exception {
        cairn = new Cairn();
        Path tar = cairn.root().resolveSibling(cairn.root().getFileName() + "-busybox.tar");
        Exec.Result made = Exec.run(List.of(Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(),
                tar.toString()));
        assertEquals(0, made.exit(), made.toString());
        Exec.Result imported = cairn.run("import", tar.toString(), "bb", "-c", "CMD [\"/bin/sh\"]");
        assertEquals(0, imported.exit(), imported.toString());
        Files.delete(tar);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        cairn.close();
    }

    @AfterEach
    void noContainerAndNoMountLeft() throws Exception {
        assertEquals("", cairn.run("ps", "-a", "-q").out(), "a build leaves no container");
        String root = cairn.root().toString();
        assertEquals(List.of(), Files.readAllLines(Path.of("/proc/mounts")).stream().filter(l -> l.contains(root)).toList());
    }

    /** Writes a file of the context. */
    void write(String rel, String text) throws IOException {
        Files.createDirectories(ctx.resolve(rel).getParent());
        Files.writeString(ctx.resolve(rel), text);
    }

    /** {@code cairn build ARGS… CONTEXT}. */
    Exec.Result build(String... args) throws Exception {
        return build(Map.of(), args);
    }

    Exec.Result build(Map<String, String> env, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "build";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 1] = ctx.toString();
        return cairn.run(env, null, all);
    }

    /** The output of a command that must have exited 0. */
    static String ok(Exec.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r.out();
    }

    /** The result of a command that must have exited 0. */
    static Exec.Result ok2(Exec.Result r) {
        ok(r);
        return r;
    }

    /** The step names that {@code --progress plain} printed as CACHED. */
    static List<String> cached(Exec.Result r) {
        Matcher m = Pattern.compile("(?m)^#(\\d+) (\\[.*)$").matcher(r.err());
        Map<String, String> names = new HashMap<>();
        while (m.find()) {
            names.put(m.group(1), m.group(2));
        }
        Matcher c = Pattern.compile("(?m)^#(\\d+) CACHED$").matcher(r.err());
        List<String> out = new ArrayList<>();
        while (c.find()) {
            out.add(names.get(c.group(1)));
        }
        return out;
    }
}
