package io.cairn.engine.runtime.runc;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * How {@link ConmonRuncRuntime} runs containers.
 *
 * @param runtime       the OCI runtime binary, a name looked up on the PATH or a path ({@code runc})
 * @param conmon        the conmon binary, likewise ({@code conmon})
 * @param stateDir      the root's {@code runtime/} directory: runc's {@code --root} state, conmon's
 *                      exit files, pid files and logs
 * @param socketDir     where conmon puts each container's attach socket; short, because a unix
 *                      socket path ({@code socketDir/ID/attach}) must fit in 108 bytes
 * @param logDriver     conmon's log driver ({@code k8s-file})
 * @param createTimeout how long {@code create} waits for conmon to report the container created
 */
public record RuncOptions(String runtime, String conmon, Path stateDir, Path socketDir, String logDriver,
                          Duration createTimeout) {
    /** The longest container ID accepted: Docker's 64 hex digits. */
    public static final int MAX_ID = 64;
    /** sun_path is 108 bytes, NUL included. */
    static final int SUN_PATH = 108;

    public RuncOptions {
        stateDir = stateDir.toAbsolutePath().normalize();
        socketDir = socketDir.toAbsolutePath().normalize();
        int longest = socketDir.toString().getBytes(StandardCharsets.UTF_8).length + 1 + MAX_ID + "/attach".length();
        if (longest >= SUN_PATH) {
            throw new IllegalArgumentException("socket directory " + socketDir + " is too long: attach sockets under it"
                    + " would take " + longest + " bytes, more than a unix socket path's " + (SUN_PATH - 1));
        }
    }

    /**
     * The defaults for a Cairn root: {@code runc} and {@code conmon} from the PATH, state in
     * {@code ROOT/runtime}, sockets in {@code /run/cairn/<12 hex digits of the root's hash>} so that
     * two roots never share one and the path stays short however deep the root is.
     */
    public static RuncOptions defaults(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        return new RuncOptions("runc", "conmon", abs.resolve("runtime"),
                Path.of("/run/cairn", shortHash(abs.toString())), "k8s-file", Duration.ofSeconds(60));
    }

    /** The same options with another runtime binary ({@code --runtime}). */
    public RuncOptions withRuntime(String binary) {
        return new RuncOptions(binary, conmon, stateDir, socketDir, logDriver, createTimeout);
    }

    static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
