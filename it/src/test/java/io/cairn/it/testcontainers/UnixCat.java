package io.cairn.it.testcontainers;

import io.cairn.it.Exec;
import io.cairn.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A static program that sends its standard input to a unix socket and copies the answer to its
 * standard output: what a container needs to speak HTTP to the bind-mounted API socket, as
 * Testcontainers' reaper (a static Go binary) does. Busybox's {@code nc} and {@code wget} have no
 * unix sockets, so the test compiles this with the host's gcc and copies it into the container.
 */
final class UnixCat {

    private static final String SOURCE = """
            #include <stdio.h>
            #include <string.h>
            #include <sys/socket.h>
            #include <sys/un.h>
            #include <unistd.h>

            static int all(int fd, const char *b, ssize_t n) {
                while (n > 0) {
                    ssize_t w = write(fd, b, n);
                    if (w <= 0) return -1;
                    b += w;
                    n -= w;
                }
                return 0;
            }

            int main(int argc, char **argv) {
                if (argc != 2) { fprintf(stderr, "usage: unixcat SOCKET\\n"); return 2; }
                int s = socket(AF_UNIX, SOCK_STREAM, 0);
                struct sockaddr_un a;
                memset(&a, 0, sizeof a);
                a.sun_family = AF_UNIX;
                strncpy(a.sun_path, argv[1], sizeof a.sun_path - 1);
                if (connect(s, (struct sockaddr *) &a, sizeof a) < 0) { perror("connect"); return 1; }
                char b[65536];
                ssize_t n;
                /* the request (HTTP/1.0: the server closes after its answer) */
                while ((n = read(0, b, sizeof b)) > 0) if (all(s, b, n) < 0) { perror("write"); return 1; }
                while ((n = read(s, b, sizeof b)) > 0) if (all(1, b, n) < 0) return 1;
                return n < 0 ? 1 : 0;
            }
            """;

    private UnixCat() {
    }

    /** Compiles the program statically into {@code dir/unixcat} and returns its path. */
    static Path build(Path dir) throws Exception {
        Path gcc = Tools.require("gcc", "apt-get install -y gcc libc6-dev");
        Path source = Files.writeString(dir.resolve("unixcat.c"), SOURCE);
        Path binary = dir.resolve("unixcat");
        Exec.run(List.of(gcc.toString(), "-static", "-O2", "-o", binary.toString(), source.toString())).ok();
        return binary;
    }
}
