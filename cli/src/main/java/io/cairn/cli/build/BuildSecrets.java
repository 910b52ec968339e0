package io.cairn.cli.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads {@code cairn build --secret} and {@code --ssh} the way buildx does, on the client side:
 * <ul>
 *   <li>{@code --secret id=ID[,src=FILE|,env=VAR][,type=file|env]}: with neither src nor env, the
 *       environment variable named ID if it is set, else the file named ID;</li>
 *   <li>{@code --ssh ID[=SOCKET]}: an ssh-agent socket; {@code default} alone is {@code $SSH_AUTH_SOCK}.
 *       Private key files are refused (Cairn forwards agents, it does not run one).</li>
 * </ul>
 */
final class BuildSecrets {

    private BuildSecrets() {
    }

    /** Thrown for a malformed flag or an unreadable source; the message names the flag. */
    static final class BadFlag extends Exception {
        private static final long serialVersionUID = 1L;

        BadFlag(String message) {
            super(message, null, false, false);
        }
    }

    static Map<String, byte[]> secrets(List<String> flags, Function<String, String> environment) throws BadFlag {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String flag : flags) {
            String id = null;
            String src = null;
            String env = null;
            String type = null;
            for (String field : flag.split(",")) {
                int eq = field.indexOf('=');
                if (eq <= 0) {
                    throw new BadFlag("--secret " + flag + ": field \"" + field + "\" is not KEY=VALUE");
                }
                String key = field.substring(0, eq).trim();
                String value = field.substring(eq + 1);
                switch (key) {
                    case "id" -> id = value;
                    case "src", "source" -> src = value;
                    case "env" -> env = value;
                    case "type" -> {
                        if (!value.equals("file") && !value.equals("env")) {
                            throw new BadFlag("--secret " + flag + ": type must be file or env, not " + value);
                        }
                        type = value;
                    }
                    default -> throw new BadFlag("--secret " + flag + ": unexpected key \"" + key
                            + "\" (expected id, src, env, type)");
                }
            }
            if (id == null || id.isEmpty()) {
                id = src != null ? Path.of(src).getFileName().toString() : env;
            }
            if (id == null || id.isEmpty()) {
                throw new BadFlag("--secret " + flag + ": id is required");
            }
            if (src == null && env == null) {
                if ("env".equals(type) || (type == null && environment.apply(id) != null)) {
                    env = id;
                } else {
                    src = id;
                }
            }
            byte[] value;
            if (env != null && src == null) {
                String v = environment.apply(env);
                if (v == null) {
                    throw new BadFlag("--secret " + flag + ": environment variable " + env + " is not set");
                }
                value = v.getBytes(StandardCharsets.UTF_8);
            } else {
                try {
                    value = Files.readAllBytes(Path.of(src));
                } catch (IOException e) {
                    throw new BadFlag("--secret " + flag + ": cannot read " + src + ": " + e.getMessage());
                }
            }
            out.put(id, value);
        }
        return out;
    }

    static Map<String, String> agents(List<String> flags, Function<String, String> environment) throws BadFlag {
        Map<String, String> out = new LinkedHashMap<>();
        for (String flag : flags) {
            int eq = flag.indexOf('=');
            String id = eq < 0 ? flag : flag.substring(0, eq);
            String paths = eq < 0 ? "" : flag.substring(eq + 1);
            if (id.isEmpty()) {
                throw new BadFlag("--ssh " + flag + ": expected ID[=SOCKET]");
            }
            if (paths.isEmpty()) {
                if (!id.equals("default")) {
                    throw new BadFlag("--ssh " + flag + ": give the agent socket: --ssh " + id + "=SOCKET");
                }
                paths = environment.apply("SSH_AUTH_SOCK");
                if (paths == null || paths.isEmpty()) {
                    throw new BadFlag("--ssh default: SSH_AUTH_SOCK is not set (no ssh-agent to forward)");
                }
            }
            if (paths.contains(",")) {
                throw new BadFlag("--ssh " + flag + ": one agent socket per id");
            }
            Path p = Path.of(paths).toAbsolutePath().normalize();
            if (Files.isRegularFile(p)) {
                throw new BadFlag("--ssh " + flag + ": " + p + " is a file; Cairn forwards an ssh-agent socket, not keys"
                        + " (start ssh-agent, ssh-add the key, and pass --ssh " + id + ")");
            }
            if (!Files.exists(p)) {
                throw new BadFlag("--ssh " + flag + ": no agent socket at " + p);
            }
            out.put(id, p.toString());
        }
        return out;
    }
}
