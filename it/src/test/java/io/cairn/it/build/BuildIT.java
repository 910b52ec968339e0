package io.cairn.it.build;

import io.cairn.it.Exec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.it.Cairn;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn build} through bin/cairn with real conmon and runc: the built images run and print
 * what Docker's builds of the same Dockerfiles print; the cache hits and misses exactly where it
 * should; a failing or killed build leaves no container, mount or broken index behind.
 */
class BuildIT extends BuildRoot {

    private static final ObjectMapper JSON = new ObjectMapper();
    @Test
    void aSingleStageBuildRunsAsDockersDoesAndJournalsEveryStep() throws Exception {
        write("Dockerfile", """
                FROM bb
                ARG GREETING=hello
                ENV APP_HOME=/app
                WORKDIR $APP_HOME
                COPY --chown=nobody:nobody files/ ./files/
                RUN echo "$GREETING from $(pwd) as $(id -u)" > made.txt
                USER nobody
                CMD ["sh", "-c", "cat made.txt files/a.txt; stat -c '%U %a' files/a.txt; id -un"]
                """);
        write("files/a.txt", "file a\n");
        Path iid = ctx.resolve("iid");
        Exec.Result r = build("--progress", "plain", "-t", "single", "--build-arg", "GREETING=hi", "--iidfile", iid.toString());
        ok(r);
        assertTrue(r.err().contains("#1 [1/4] FROM bb\n#1 DONE "), r.err());
        assertTrue(r.err().contains("#2 [2/4] WORKDIR $APP_HOME\n"), "WORKDIR makes its directory, as in BuildKit: " + r.err());
        assertTrue(r.err().contains("#4 [4/4] RUN echo \"$GREETING from $(pwd) as $(id -u)\" > made.txt\n"), r.err());
        assertTrue(r.err().matches("(?s).*#3 DONE \\d+\\.\\ds\n.*"), r.err());
        String id = Files.readString(iid);
        assertTrue(id.matches("sha256:[0-9a-f]{64}"), id);
        assertTrue(r.err().contains("writing image " + id + " done"), r.err());
        assertEquals("hi from /app as 0\nfile a\nnobody 644\nnobody\n", ok(cairn.run("run", "--rm", "single")));
        String history = ok(cairn.run("history", "--no-trunc", "single"));
        assertTrue(history.contains("COPY files/ ./files/ # buildkit"), history);
        assertTrue(history.contains("RUN |1 GREETING=hi /bin/sh -c echo \"$GREETING from $(pwd) as $(id -u)\" > made.txt # buildkit"), history);
        assertTrue(history.contains("WORKDIR /app ") && history.contains("ENV APP_HOME=/app "), history);
        assertEquals(id + "\n", ok(build("-q", "--build-arg", "GREETING=hi")), "-q prints only the ID; a rebuild is cached");
        String events = ok(cairn.run("events", "--since", "0", "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--filter", "type=builder", "--format", "json"));
        List<JsonNode> lines = events.lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertTrue(lines.stream().anyMatch(e -> e.path("Action").asText().equals("start")), events);
        assertTrue(lines.stream().anyMatch(e -> e.path("Action").asText().equals("step")
                && e.path("Actor").path("Attributes").path("name").asText().startsWith("[4/4] RUN")), events);
        assertTrue(lines.stream().anyMatch(e -> e.path("Action").asText().equals("complete")
                && e.path("Actor").path("Attributes").path("image").asText().equals(id)), events);
    }

    @Test
    void theCacheHitsUntilAnInputChangesAndSurvivesARestartButNotAPrune() throws Exception {
        write("Dockerfile", """
                FROM bb
                COPY one.txt /one.txt
                ARG V=1
                COPY two.txt /two.txt
                RUN cat /one.txt /two.txt > /both && echo "v=$V" >> /both
                RUN echo done
                CMD ["cat", "/both"]
                """);
        write("one.txt", "one\n");
        write("two.txt", "two\n");
        String first = ok(build("-q"));
        Exec.Result again = build("--progress", "plain");
        ok(again);
        assertEquals(4, cached(again).size(), again.err());
        assertTrue(again.err().contains(first.trim()), "a fully cached build gives the same image");

        write("two.txt", "TWO\n");
        Files.setLastModifiedTime(ctx.resolve("one.txt"), java.nio.file.attribute.FileTime.fromMillis(0));
        Exec.Result changed = build("--progress", "plain", "-t", "cache");
        ok(changed);
        assertEquals(List.of("[2/5] COPY one.txt /one.txt"), cached(changed), "an mtime alone changes nothing");
        assertEquals("one\nTWO\nv=1\n", ok(cairn.run("run", "--rm", "cache")));

        Exec.Result arg = build("--progress", "plain", "--build-arg", "V=2");
        ok(arg);
        assertEquals(List.of("[2/5] COPY one.txt /one.txt", "[3/5] COPY two.txt /two.txt"), cached(arg),
                "a changed ARG invalidates from its first use");

        assertEquals(List.of(), cached(ok2(build("--progress", "plain", "--no-cache"))));
        cairn.stopDaemon(false);
        assertEquals(4, cached(ok2(build("--progress", "plain"))).size(), "the cache survives a restart");
        assertEquals(0, cairn.run("journal", "rebuild").exit());
        assertEquals(4, cached(ok2(build("--progress", "plain"))).size(), "and a journal rebuild");
        ok(cairn.run("image", "prune", "-f"));
        assertEquals(4, cached(ok2(build("--progress", "plain"))).size(),
                "image prune leaves the build cache's step images (they are not dangling)");
        int before = cairn.run("images", "-a", "-q").lines().size();
        Exec.Result prune = cairn.run("builder", "prune", "-f");
        assertTrue(ok(prune).startsWith("Deleted build cache objects:\nsha256:"), prune.toString());
        assertTrue(cairn.run("images", "-a", "-q").lines().size() < before, "builder prune removes unused step images");
        assertEquals(0, cairn.run("image", "inspect", "cache").exit(), "a tagged image stays");
        assertEquals(List.of(), cached(ok2(build("--progress", "plain"))));
    }


    @Test
    void aContextFileRewrittenWithItsSizeAndMtimeKeptMissesTheRememberedDigest() throws Exception {
        // the daemon remembers a context file's digest by its stat (ContentHashes): a rewrite that keeps
        // the size and puts the mtime back must still miss, settled or within the racy window
        write("Dockerfile", """
                FROM bb
                COPY f.txt /f.txt
                CMD ["cat", "/f.txt"]
                """);
        write("f.txt", "aaaa");
        java.nio.file.attribute.FileTime mtime = java.nio.file.attribute.FileTime.fromMillis(1_600_000_000_000L);
        Files.setLastModifiedTime(ctx.resolve("f.txt"), mtime);
        Thread.sleep(2_500); // past the racy window: the first build's digest of f.txt is remembered
        ok(build("-q"));
        assertEquals(List.of("[2/2] COPY f.txt /f.txt"), cached(ok2(build("--progress", "plain"))), "a remembered digest hits");

        write("f.txt", "bbbb");
        Files.setLastModifiedTime(ctx.resolve("f.txt"), mtime);
        assertEquals(List.of(), cached(ok2(build("--progress", "plain", "-t", "same-stat"))),
                "same size and mtime, new content: the COPY must miss");
        assertEquals("bbbb", ok(cairn.run("run", "--rm", "same-stat")));

        write("f.txt", "cccc"); // within the racy window of the last build's read
        Files.setLastModifiedTime(ctx.resolve("f.txt"), mtime);
        assertEquals(List.of(), cached(ok2(build("--progress", "plain", "-t", "same-stat"))),
                "a rewrite right after the last build's read must miss too");
        assertEquals("cccc", ok(cairn.run("run", "--rm", "same-stat")));
    }

    @Test
    void multiStageBuildsOnlyWhatTheTargetNeeds() throws Exception {
        write("Dockerfile", """
                FROM bb AS base
                RUN mkdir -p /d && touch /d/old /gone && echo base > /etc/motd
                FROM base AS build
                RUN rm /gone && rm -rf /d && mkdir /d && touch /d/new
                COPY src/ /in/
                RUN ls /in > /listing
                FROM bb AS never
                RUN echo must not run && exit 9
                FROM build AS final
                COPY --from=build /listing /copied
                ADD pkg/arch.tar.gz /x/
                COPY <<EOT /hello.txt
                hello heredoc
                EOT
                RUN <<EOT
                echo from a heredoc script > /heredoc-ran
                EOT
                ENTRYPOINT ["sh", "-c", "ls /d; test ! -e /gone && echo gone; cat /copied /x/inner.txt /hello.txt /heredoc-ran /etc/motd; echo args: \\"$@\\"", "sh"]
                CMD ["default"]
                """);
        write("src/keep.txt", "k\n");
        write("src/drop.log", "d\n");
        write(".dockerignore", "**/*.log\n");
        Path inner = Files.createDirectories(ctx.resolve("pkgsrc"));
        Files.writeString(inner.resolve("inner.txt"), "from the archive\n");
        Files.createDirectories(ctx.resolve("pkg"));
        assertEquals(0, Exec.run(List.of("tar", "czf", ctx.resolve("pkg/arch.tar.gz").toString(), "-C", inner.toString(),
                "inner.txt"), Map.of(), null).exit());
        Exec.Result r = build("--progress", "plain", "-t", "multi");
        ok(r);
        assertFalse(r.err().contains("must not run"), r.err());
        assertFalse(r.err().contains("[never"), "a stage the target does not need is not built");
        assertEquals("new\ngone\nkeep.txt\nfrom the archive\nhello heredoc\nfrom a heredoc script\nbase\nargs: default\n",
                ok(cairn.run("run", "--rm", "multi")));
        assertTrue(ok(cairn.run("run", "--rm", "multi", "x", "y")).endsWith("args: x y\n"), "CMD is replaced by run's args");

        Exec.Result target = build("-q", "--target", "base", "-t", "base-only");
        ok(target);
        assertEquals("base\n", ok(cairn.run("run", "--rm", "base-only", "cat", "/etc/motd")));
    }

    @Test
    void runMountsCacheTmpfsAndBindAndAShebangHeredoc() throws Exception {
        write("data.txt", "from the context\n");
        write("Dockerfile", """
                FROM bb
                RUN --mount=type=cache,target=/cache echo run >> /cache/runs && wc -l < /cache/runs > /count
                RUN --mount=type=tmpfs,target=/scratch touch /scratch/x && ls /scratch > /tmpfs-listing
                RUN --mount=type=bind,source=data.txt,target=/data.txt,rw cat /data.txt > /copied && echo changed > /data.txt
                RUN <<EOT
                #!/bin/sh
                echo "shebang script $0" > /shebang
                EOT
                CMD ["sh", "-c", "cat /count /tmpfs-listing /copied /shebang; ls -d /scratch /cache /data.txt 2>&1 | wc -l"]
                """);
        ok(build("-q", "-t", "mounts"));
        assertEquals("1\nx\nfrom the context\nshebang script /dev/pipes/EOT\n3\n",
                ok(cairn.run("run", "--rm", "mounts")), "mount contents stay out of the image");
        assertTrue(ok(cairn.run("run", "--rm", "mounts", "ls", "/")).lines().noneMatch(l -> l.equals("cache")
                || l.equals("scratch") || l.equals("data.txt")), "as BuildKit, no empty mount point is left in the image");
        assertEquals("from the context\n", Files.readString(ctx.resolve("data.txt")), "a rw bind never writes the context");
        ok(build("-q", "--no-cache", "-t", "mounts"));
        assertEquals("2\n", ok(cairn.run("run", "--rm", "mounts", "cat", "/count")), "the cache mount persists");
        String pruned = ok(cairn.run("builder", "prune", "-f"));
        assertTrue(pruned.matches("(?s)Deleted build cache objects:\n.*\n\nTotal reclaimed space: [0-9.]+[kMG]?B\n"), pruned);
        ok(build("-q", "--no-cache", "-t", "mounts"));
        assertEquals("1\n", ok(cairn.run("run", "--rm", "mounts", "cat", "/count")), "builder prune empties cache mounts");
    }

    @Test
    void onbuildTriggersFireInTheChildOnlyAndBindMountsReadStagesAndKeyTheCache() throws Exception {
        write("Dockerfile", """
                FROM bb
                WORKDIR /app
                ONBUILD COPY app.txt ./
                ONBUILD RUN echo "built $(cat app.txt)" > /app/built
                CMD ["cat", "/app/built"]
                """);
        write("app.txt", "v1\n");
        ok(build("-q", "-t", "onbuild-base"));
        assertEquals(1, cairn.run("run", "--rm", "onbuild-base").exit(), "the triggers do not run in their own image");
        write("Dockerfile", """
                FROM onbuild-base
                RUN echo child >> /app/built
                """);
        Exec.Result child = build("--progress", "plain", "-t", "onbuild-child");
        ok(child);
        assertTrue(child.err().contains("[2/4] ONBUILD COPY app.txt ./"), child.err());
        assertEquals("built v1\nchild\n", ok(cairn.run("run", "--rm", "onbuild-child")));
        JsonNode config = JSON.readTree(ok(cairn.run("image", "inspect", "onbuild-child"))).get(0).path("Config");
        assertTrue(config.path("OnBuild").isNull() || config.path("OnBuild").isEmpty(), "a child does not inherit triggers: " + config);
        write("Dockerfile", "FROM onbuild-child\nRUN echo grandchild >> /app/built\n");
        assertEquals("built v1\nchild\ngrandchild\n", ok(cairn.run("run", "--rm", ok(build("-q")).trim())));

        write("Dockerfile", """
                FROM bb AS tools
                RUN mkdir /out && echo tool > /out/t && ln -s /etc/passwd /out/link
                FROM bb
                RUN --mount=type=bind,from=tools,source=/out,target=/t cat /t/t > /got && head -1 /t/link > /link
                RUN --mount=type=bind,from=tools,target=/tools,rw echo x > /tools/out/t && cat /tools/out/t > /rw
                RUN --mount=type=bind,source=app.txt,target=/app.txt cat /app.txt > /ctx
                CMD ["cat", "/got", "/link", "/rw", "/ctx"]
                """);
        ok(build("-q", "-t", "bind-from"));
        assertEquals("tool\nroot:x:0:0:root:/root:/bin/sh\nx\nv1\n", ok(cairn.run("run", "--rm", "bind-from")));
        write("app.txt", "v2\n");
        Exec.Result rebuilt = build("--progress", "plain", "-t", "bind-from");
        ok(rebuilt);
        assertEquals(List.of("[tools 2/2] RUN mkdir /out && echo tool > /out/t && ln -s /etc/passwd /out/link",
                        "[stage-1 2/4] RUN --mount=type=bind,from=tools,source=/out,target=/t cat /t/t > /got && head -1 /t/link > /link",
                        "[stage-1 3/4] RUN --mount=type=bind,from=tools,target=/tools,rw echo x > /tools/out/t && cat /tools/out/t > /rw"),
                cached(rebuilt), "a changed bind source invalidates the RUN that mounts it");
        assertTrue(ok(cairn.run("run", "--rm", "bind-from")).endsWith("v2\n"));
    }

    @Test
    void secretsAreMountedForOneStepAndStayOutOfTheImageTheCacheAndTheJournal() throws Exception {
        write("token.txt", "file-secret-1234\n");
        write("Dockerfile", """
                FROM bb
                RUN --mount=type=secret,id=token stat -c '%a %u' /run/secrets/token > /seen && wc -c < /run/secrets/token >> /seen
                RUN --mount=type=secret,id=envtok,target=/etc/tok,uid=65534,mode=0440 stat -c '%a %u' /etc/tok >> /seen && wc -c < /etc/tok >> /seen
                RUN --mount=type=secret,id=absent test -e /run/secrets/absent || echo no-secret >> /seen
                RUN --mount=type=ssh echo "agent [$SSH_AUTH_SOCK]" >> /seen
                CMD ["sh", "-c", "cat /seen; ls /run/secrets /etc/tok 2>&1 | wc -l"]
                """);
        Map<String, String> env = Map.of("TOKEN_VAR", "env-secret-5678");
        Exec.Result r = build(env, "--progress", "plain", "-t", "secrets", "--secret", "id=token,src=" + ctx.resolve("token.txt"),
                "--secret", "id=envtok,env=TOKEN_VAR");
        ok(r);
        assertEquals("400 0\n17\n440 65534\n15\nno-secret\nagent []\n2\n", ok(cairn.run("run", "--rm", "secrets")),
                "each secret is there for its step only; an absent optional secret or agent is skipped");
        String save = ok(cairn.run("history", "--no-trunc", "secrets"));
        assertFalse(save.contains("file-secret") || save.contains("env-secret"), save);
        String journal = ok(cairn.run("events", "--since", "0", "--until", Long.toString(System.currentTimeMillis() / 1000 + 1),
                "--format", "json"));
        assertFalse(journal.contains("file-secret") || journal.contains("env-secret"), "no secret in the journal");
        assertFalse(r.err().contains("file-secret") || r.err().contains("env-secret"), r.err());

        Exec.Result other = build(Map.of("TOKEN_VAR", "changed"), "--progress", "plain", "--secret",
                "id=token,src=" + ctx.resolve("token.txt"), "--secret", "id=envtok,env=TOKEN_VAR");
        assertEquals(4, cached(ok2(other)).size(), "as in BuildKit, a secret's value is not part of the cache key");

        write("Dockerfile", "FROM bb\nRUN --mount=type=secret,id=must,required true\n");
        Exec.Result missing = build();
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("secret must is required but was not given"), missing.err());
        Exec.Result badFlag = build("--secret", "id=x,src=/no/such/file");
        assertEquals(125, badFlag.exit());
        assertTrue(badFlag.err().contains("--secret id=x,src=/no/such/file: cannot read /no/such/file"), badFlag.err());
        Path sock = ctx.resolve("agent.sock");
        try (var agent = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            agent.bind(java.net.UnixDomainSocketAddress.of(sock));
            write("Dockerfile", "FROM bb\nRUN --mount=type=ssh test -S \"$SSH_AUTH_SOCK\" && echo \"$SSH_AUTH_SOCK\" > /agent\n"
                    + "CMD [\"cat\", \"/agent\"]\n");
            String id = ok(build(Map.of("SSH_AUTH_SOCK", sock.toString()), "-q", "--ssh", "default")).trim();
            assertEquals("/run/buildkit/ssh_agent.0\n", ok(cairn.run("run", "--rm", id)), "the agent socket is forwarded");
        } finally {
            Files.deleteIfExists(sock);
        }
        Exec.Result badSsh = build("--ssh", "default=/no/such.sock");
        assertEquals(125, badSsh.exit());
        assertTrue(badSsh.err().contains("no agent socket at /no/such.sock"), badSsh.err());
    }

    @Test
    void aFailingStepNamesTheLineTheCommandAndTheExitCodeAndLeavesNothing() throws Exception {
        write("Dockerfile", "FROM bb\nRUN echo partial > /p\nRUN echo about to fail; exit 3\nRUN echo never\n");
        Exec.Result r = build("--progress", "plain", "-t", "broken");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("#3 0.") && r.err().contains("about to fail"), r.err());
        assertTrue(r.err().contains("Error: Dockerfile:3: RUN echo about to fail; exit 3: process \"/bin/sh -c echo about"
                + " to fail; exit 3\" did not complete successfully: exit code: 3"), r.err());
        assertFalse(r.err().contains("never"));
        assertEquals(1, cairn.run("image", "inspect", "broken").exit(), "no tag for a failed build");
        assertEquals(0, cairn.run("system", "check").exit());

        write("Dockerfile", "FROM bb\nCOPY missing.txt /\n");
        Exec.Result missing = build();
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("Error: Dockerfile:2: COPY missing.txt /: COPY failed: source \"missing.txt\""
                + " not found in the build context"), missing.err());
        write("Dockerfile", "FROM bb\nADD https://example.com/x.tgz /\n");
        Exec.Result url = build();
        assertEquals(1, url.exit());
        assertTrue(url.err().contains("remote sources (URLs, git) are not supported"), url.err());
        // a base image that is not here is pulled, as Docker does: from a registry on loopback where
        // nothing listens (port 9), so the test never reaches past this machine
        write("Dockerfile", "FROM 127.0.0.1:9/no-such-image\n");
        Exec.Result base = build();
        assertEquals(1, base.exit());
        assertTrue(base.err().contains("127.0.0.1:9/no-such-image") && base.err().contains("connection refused"),
                base.err());
        assertEquals(0, cairn.run("system", "check").exit());
    }

    @Test
    void sourceDateEpochMakesNoCacheBuildsReproducible() throws Exception {
        write("Dockerfile", "FROM bb\nCOPY f /f\nRUN echo built > /b && mkdir /made\nENV X=1\n");
        write("f", "content\n");
        Map<String, String> env = Map.of("SOURCE_DATE_EPOCH", "1700000000");
        String a = ok(build(env, "-q", "--no-cache"));
        Files.setLastModifiedTime(ctx.resolve("f"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
        String b = ok(build(env, "-q", "--no-cache"));
        assertEquals(a, b);
        JsonNode inspect = JSON.readTree(ok(cairn.run("image", "inspect", a.trim()))).get(0);
        assertEquals("2023-11-14T22:13:20Z", inspect.path("Created").asText());
        assertNotEquals(a, ok(build(Map.of("SOURCE_DATE_EPOCH", "1700000001"), "-q", "--no-cache")));
    }

    @Test
    void aDockerfileFromStdinBuildsWithoutAContext() throws Exception {
        Path df = ctx.resolve("stdin.Dockerfile");
        Files.writeString(df, "FROM bb\nRUN echo piped > /p\nCMD [\"cat\", \"/p\"]\n");
        Exec.Result r = cairn.run(Map.of(), df, "build", "-q", "-t", "piped", "-");
        ok(r);
        assertEquals("piped\n", ok(cairn.run("run", "--rm", "piped")));
        Files.writeString(df, "FROM bb\nCOPY x /x\n");
        Exec.Result copy = cairn.run(Map.of(), df, "build", "-");
        assertEquals(1, copy.exit());
        assertTrue(copy.err().contains("COPY needs a build context, and this build has none"), copy.err());
    }

    @Test
    void aContextArchiveOnStdinBuildsWhatTheDirectoryBuildsAndAHostileOneIsRefused() throws Exception {
        write("Dockerfile", "FROM bb\nCOPY . /ctx/\nCMD [\"cat\", \"/ctx/sub/f.txt\"]\n");
        write("sub/f.txt", "in the archive\n");
        write("docker/alt.Dockerfile", "FROM bb\nCOPY sub/f.txt /alt\nCMD [\"cat\", \"/alt\"]\n");
        String fromDir = ok(build(Map.of("SOURCE_DATE_EPOCH", "1700000000"), "-q", "--no-cache")).trim();
        Path tar = ctx.resolveSibling(ctx.getFileName() + "-ctx.tar.gz");
        try {
            assertEquals(0, Exec.run(List.of("tar", "-czf", tar.toString(), "-C", ctx.toString(), "."), Map.of(), null).exit());
            Exec.Result r = cairn.run(Map.of("SOURCE_DATE_EPOCH", "1700000000"), tar, "build", "-q", "--no-cache", "-");
            assertEquals(fromDir, ok(r).trim(), "the same context as a gzip tar on stdin gives the same image");
            Exec.Result alt = cairn.run(Map.of(), tar, "build", "-q", "-f", "docker/alt.Dockerfile", "-t", "alt", "-");
            ok(alt);
            assertEquals("in the archive\n", ok(cairn.run("run", "--rm", "alt")));
            Exec.Result missing = cairn.run(Map.of(), tar, "build", "-f", "nope", "-");
            assertEquals(1, missing.exit());
            assertTrue(missing.err().contains("build context: Dockerfile nope not found in the archive"), missing.err());

            try (var out = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(Files.newOutputStream(tar))) {
                byte[] df = "FROM bb\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("Dockerfile");
                e.setSize(df.length);
                out.putArchiveEntry(e);
                out.write(df);
                out.closeArchiveEntry();
                var evil = new org.apache.commons.compress.archivers.tar.TarArchiveEntry("../escaped", true);
                evil.setSize(0);
                out.putArchiveEntry(evil);
                out.closeArchiveEntry();
            }
            Exec.Result hostile = cairn.run(Map.of(), tar, "build", "-");
            assertEquals(1, hostile.exit());
            assertTrue(hostile.err().contains("build context: not a valid tar archive") && hostile.err().contains(".."),
                    hostile.err());
            assertFalse(Files.exists(cairn.root().resolve("escaped")) || Files.exists(cairn.root().resolve("tmp/escaped")));
            try (var left = Files.list(cairn.root().resolve("tmp"))) {
                assertEquals(List.of(), left.toList(), "no unpacked context is left behind");
            }
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    @Test
    void aBuildKilledWithTheDaemonLeavesSystemCheckClean() throws Exception {
        // long enough that a loaded machine cannot finish the build before the kill
        write("Dockerfile", "FROM bb\nRUN sleep 8 && echo slow > /s\n");
        Process p = cairn.start("build", "-q", ctx.toString());
        long deadline = System.currentTimeMillis() + 30_000;
        while (cairn.run("ps", "-q").out().isEmpty()) {
            assertTrue(System.currentTimeMillis() < deadline, "the RUN container never started");
            Thread.sleep(50);
        }
        cairn.stopDaemon(true);
        p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        assertNotEquals(0, p.exitValue());
        Exec.Result check = cairn.run("system", "check");
        assertEquals(0, check.exit(), check.toString());
        // the RUN container outlived the daemon (conmon keeps it); wait for it and clear it
        deadline = System.currentTimeMillis() + 30_000;
        while (!cairn.run("ps", "-q").out().isEmpty()) {
            assertTrue(System.currentTimeMillis() < deadline, "the RUN container never exited");
            Thread.sleep(100);
        }
        for (String id : cairn.run("ps", "-a", "-q").out().lines().toList()) {
            assertEquals(0, cairn.run("rm", id).exit());
        }
        assertEquals(0, cairn.run("system", "check").exit());
    }
}
