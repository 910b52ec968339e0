package io.cairn.it.build;

import io.cairn.it.Exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.it.Cairn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code COPY --exclude}, {@code COPY --parents} and {@code ADD} of xz and zstd tars, built
 * through bin/cairn with real conmon and runc; the images run and list the files Docker's builds
 * of the same Dockerfiles hold, and an excluded file can change without invalidating its step.
 */
class CopyFlagsIT extends BuildRoot {

    /**
     * Several sources to a destination without a trailing slash: BuildKit builds it (the legacy
     * builder refused) and copies each source in turn as if it were the only one (moby/buildkit#1853,
     * moby/moby#47064): files onto a destination that is not a directory replace it, the last one
     * winning; once a directory source made the destination a directory, later files land inside.
     */
    @Test
    void severalSourcesToADestinationWithoutTrailingSlashFollowBuildKit() throws Exception {
        write("Dockerfile", """
                FROM bb
                COPY a.txt b.txt /dest
                COPY dir c.txt /more
                CMD ["sh", "-c", "cat /dest; find /more | sort"]
                """);
        write("a.txt", "a\n");
        write("b.txt", "b\n");
        write("c.txt", "c\n");
        write("dir/d.txt", "d\n");
        ok(build("-q", "-t", "multi"));
        assertEquals("b\n/more\n/more/c.txt\n/more/d.txt\n", ok(cairn.run("run", "--rm", "multi")));
    }

    @Test
    void excludeLeavesFilesOutOfTheContextCopyAndOfTheCopyFromAStage() throws Exception {
        write("Dockerfile", """
                FROM bb AS build
                RUN mkdir -p /srv/bin /srv/lib && echo t > /srv/bin/tool && echo d > /srv/bin/tool.debug && echo l > /srv/lib/x.so

                FROM bb
                COPY --exclude=*.md --exclude=tests app/ /app/
                COPY --exclude=*.txt hom* /mydir/
                COPY --from=build --exclude=**/*.debug --exclude=lib /srv /opt/srv
                CMD ["find", "/app", "/mydir", "/opt/srv"]
                """);
        write("app/main.go", "package main\n");
        write("app/README.md", "readme\n");
        write("app/docs/guide.md", "deeper than *.md reaches\n");
        write("app/tests/a_test.go", "test\n");
        write("home.txt", "t\n");
        write("home.go", "g\n");
        write("homer.md", "m\n");
        ok(build("-q", "-t", "excl"));
        List<String> files = ok(cairn.run("run", "--rm", "excl")).lines().sorted().toList();
        assertEquals(List.of("/app", "/app/docs", "/app/docs/guide.md", "/app/main.go", "/mydir", "/mydir/home.go",
                "/mydir/homer.md", "/opt/srv", "/opt/srv/bin", "/opt/srv/bin/tool"), files);

        write("app/README.md", "an excluded file changed\n");
        write("app/tests/new_test.go", "an excluded directory grew\n");
        write("homer.txt", "a new match of hom* that --exclude=*.txt drops\n");
        Exec.Result again = build("--progress", "plain", "-t", "excl");
        ok(again);
        assertEquals(List.of("[build 2/2] RUN mkdir -p /srv/bin /srv/lib && echo t > /srv/bin/tool && echo d > /srv/bin/tool.debug"
                        + " && echo l > /srv/lib/x.so",
                "[stage-1 2/4] COPY --exclude=*.md --exclude=tests app/ /app/",
                "[stage-1 3/4] COPY --exclude=*.txt hom* /mydir/",
                "[stage-1 4/4] COPY --from=build --exclude=**/*.debug --exclude=lib /srv /opt/srv"), cached(again),
                "changing only excluded files keeps every step cached");

        write("app/main.go", "package main // changed\n");
        Exec.Result changed = build("--progress", "plain", "-t", "excl");
        ok(changed);
        assertTrue(!cached(changed).contains("[stage-1 2/4] COPY --exclude=*.md --exclude=tests app/ /app/"), changed.err());
        assertEquals("package main // changed\n", ok(cairn.run("run", "--rm", "excl", "cat", "/app/main.go")));
    }

    @Test
    void parentsKeepTheSourcesDirectoriesUpToThePivot() throws Exception {
        write("Dockerfile", """
                FROM bb AS build
                RUN mkdir -p /app/bin && echo tool > /app/bin/tool && chmod 700 /app/bin

                FROM bb
                COPY --parents ./x/a.txt ./y/a.txt /parents/
                COPY --parents ./x/./y/*.txt /pivot/
                COPY --parents --exclude=packages/api packages/*/package.json /mono/
                COPY --parents ./src/**/*.txt /deep/
                COPY --from=build --parents /app/./bin/tool /out/
                CMD ["sh", "-c", "find /parents /pivot /mono /deep /out | sort; stat -c '%n %a' /out/bin /parents/x"]
                """);
        write("x/a.txt", "xa\n");
        write("x/y/a.txt", "xya\n");
        write("x/y/b.txt", "xyb\n");
        write("x/y/c.md", "xyc\n");
        write("y/a.txt", "ya\n");
        write("packages/web/package.json", "{}\n");
        write("packages/web/index.js", "\n");
        write("packages/api/package.json", "{}\n");
        write("src/a.txt", "\n");
        write("src/x/b.txt", "\n");
        write("src/x/y/c.txt", "\n");
        write("src/x/y/d.bin", "\n");
        Files.setPosixFilePermissions(ctx.resolve("x"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-x---"));
        ok(build("-q", "-t", "parents"));
        assertEquals("""
                /deep
                /deep/src
                /deep/src/a.txt
                /deep/src/x
                /deep/src/x/b.txt
                /deep/src/x/y
                /deep/src/x/y/c.txt
                /mono
                /mono/packages
                /mono/packages/web
                /mono/packages/web/package.json
                /out
                /out/bin
                /out/bin/tool
                /parents
                /parents/x
                /parents/x/a.txt
                /parents/y
                /parents/y/a.txt
                /pivot
                /pivot/y
                /pivot/y/a.txt
                /pivot/y/b.txt
                /out/bin 700
                /parents/x 750
                """, ok(cairn.run("run", "--rm", "parents")));
    }

    @Test
    void addUnpacksXzAndZstdTarsByContentAndCopiesOtherFiles() throws Exception {
        write("Dockerfile", """
                FROM bb
                ADD rootfs.tar.xz layer.bin /unpacked/
                ADD notes.xz /files/
                CMD ["sh", "-c", "cat /unpacked/hello/world.txt /unpacked/z/zz.txt; ls /unpacked; ls /files"]
                """);
        Files.write(ctx.resolve("rootfs.tar.xz"), compressed(tar("hello/world.txt", "from xz\n"), true));
        Files.write(ctx.resolve("layer.bin"), compressed(tar("z/zz.txt", "from zstd\n"), false));
        Files.write(ctx.resolve("notes.xz"), compressed("not a tar\n".getBytes(StandardCharsets.UTF_8), true));
        ok(build("-q", "-t", "unpacked"));
        assertEquals("from xz\nfrom zstd\nhello\nz\nnotes.xz\n", ok(cairn.run("run", "--rm", "unpacked")));
    }

    @Test
    void badFlagsFailTheBuildNamingWhatIsWrong() throws Exception {
        write("a.txt", "a\n");
        write("Dockerfile", "FROM bb\nCOPY --exclude=[z-a] a.txt /a\n");
        Exec.Result bad = build("-q");
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--exclude=[z-a]: character range z-a is reversed"), bad.err());

        write("Dockerfile", "FROM bb\nCOPY --parents nope/./a.txt /x/\n");
        Exec.Result missing = build("-q");
        assertEquals(1, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("source \"nope/./a.txt\" not found in the build context"), missing.err());
    }

    private static byte[] tar(String name, String body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(b.length);
            e.setMode(0100644);
            tar.putArchiveEntry(e);
            tar.write(b);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static byte[] compressed(byte[] content, boolean xz) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = xz ? new XZCompressorOutputStream(bytes) : new ZstdCompressorOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
