package io.cairn.engine.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserResolverTest {

    @TempDir
    Path rootfs;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), String.join("\n",
                "# comment",
                "root:x:0:0:root:/root:/bin/sh",
                "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin",
                "broken line without colons",
                "app:x:1000:1001:App:/home/app:/bin/sh",
                "nohome:x:1002:1002:::/bin/sh",
                "big:x:99999999999:1:x:/:/bin/sh",
                ""));
        Files.writeString(rootfs.resolve("etc/group"), String.join("\n",
                "root:x:0:",
                "wheel:x:10:root,app",
                "appgrp:x:1001:",
                "docker:x:999:app",
                "staff:x:50:other",
                ""));
    }

    /** The table: USER[:GROUP] → uid, gid, supplementary gids, home. */
    @ParameterizedTest(name = "[{index}] user \"{0}\"")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "null            | 0    | 0    | 10      | /root",
            "''              | 0    | 0    | 10      | /root",
            "root            | 0    | 0    | 10      | /root",
            "0               | 0    | 0    | 10      | /root",
            "app             | 1000 | 1001 | 10 999  | /home/app",
            "1000            | 1000 | 1001 | 10 999  | /home/app",
            "app:wheel       | 1000 | 10   | ''      | /home/app",
            "app:50          | 1000 | 50   | ''      | /home/app",
            "app:4242        | 1000 | 4242 | ''      | /home/app",
            "1000:docker     | 1000 | 999  | ''      | /home/app",
            "4242            | 4242 | 0    | ''      | /",
            "4242:4343       | 4242 | 4343 | ''      | /",
            "4242:wheel      | 4242 | 10   | ''      | /",
            "nohome          | 1002 | 1002 | ''      | /",
            "daemon          | 1    | 1    | ''      | /usr/sbin",
            ":wheel          | 0    | 10   | ''      | /root",
    })
    void resolves(String spec, long uid, long gid, String supplementary, String home) {
        List<Long> gids = supplementary.isBlank() ? List.of()
                : java.util.Arrays.stream(supplementary.trim().split(" ")).map(Long::parseLong).toList();
        assertEquals(new ResolvedUser(uid, gid, gids, home), new UserResolver(rootfs).resolve(spec));
    }

    @Test
    void unknownUserNameIsAnErrorNamingUserAndFile() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new UserResolver(rootfs).resolve("nobody"));
        assertTrue(e.getMessage().contains("nobody") && e.getMessage().contains("/etc/passwd"), e.getMessage());
    }

    @Test
    void unknownGroupNameIsAnErrorNamingGroupAndFile() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> new UserResolver(rootfs).resolve("app:ghosts"));
        assertTrue(e.getMessage().contains("ghosts") && e.getMessage().contains("/etc/group"), e.getMessage());
    }

    @Test
    void outOfRangeNumbersAreRejected() {
        assertThrows(InvalidArgumentException.class, () -> new UserResolver(rootfs).resolve("2147483648"));
        assertThrows(InvalidArgumentException.class, () -> new UserResolver(rootfs).resolve("0:99999999999"));
    }

    @Test
    void missingFilesAllowNumbersOnly(@TempDir Path empty) {
        assertEquals(new ResolvedUser(0, 0, List.of(), "/"), new UserResolver(empty).resolve(null));
        assertEquals(new ResolvedUser(7, 8, List.of(), "/"), new UserResolver(empty).resolve("7:8"));
        assertThrows(InvalidArgumentException.class, () -> new UserResolver(empty).resolve("root"));
    }

    @Test
    void symlinksAreFollowedInsideTheRootfsNeverOnTheHost(@TempDir Path other) throws IOException {
        // /etc/passwd -> /etc/real/passwd (absolute: must resolve under the rootfs, not the host's /etc).
        Path etc = rootfs.resolve("etc");
        Files.createDirectories(etc.resolve("real"));
        Files.move(etc.resolve("passwd"), etc.resolve("real/passwd"));
        Files.createSymbolicLink(etc.resolve("passwd"), Path.of("/etc/real/passwd"));
        assertEquals(1000, new UserResolver(rootfs).resolve("app").uid());

        // /etc/group -> ../../../../<elsewhere>/group: ".." stops at the rootfs, so the outside file is not read.
        Files.writeString(other.resolve("group"), "evil:x:4444:app\n");
        Files.delete(etc.resolve("group"));
        String up = "../".repeat(rootfs.getNameCount() + 2);
        Files.createSymbolicLink(etc.resolve("group"), Path.of(up + other.toString().substring(1) + "/group"));
        assertThrows(InvalidArgumentException.class, () -> new UserResolver(rootfs).resolve("app:evil"));
    }
}
