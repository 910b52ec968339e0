package io.cairn.engine.runtime.spec;

import java.util.List;

/**
 * The container's init process ({@code process} in config.json).
 *
 * @param terminal        whether a pseudo-terminal is attached (false until {@code -t} exists)
 * @param user            numeric identity, resolved against the container's /etc/passwd and /etc/group
 * @param args            argv, never empty
 * @param env             {@code KEY=value} entries, unique keys
 * @param cwd             absolute working directory
 * @param capabilities    the five capability sets
 * @param rlimits         resource limits set by the runtime (others are inherited)
 * @param noNewPrivileges {@code --security-opt no-new-privileges}
 * @param apparmorProfile the AppArmor profile runc puts the process under; {@code null} for none
 * @param consoleSize     the terminal's size when the runtime makes it (runc sets it before the process
 *                        starts, so the first {@code stty size} shows it); {@code null} for the runtime's default
 */
public record Process(
        boolean terminal,
        User user,
        List<String> args,
        List<String> env,
        String cwd,
        Capabilities capabilities,
        List<Rlimit> rlimits,
        boolean noNewPrivileges,
        String apparmorProfile,
        ConsoleSize consoleSize) {

    public Process {
        args = List.copyOf(args);
        env = List.copyOf(env);
        rlimits = List.copyOf(rlimits);
    }

    /** The process's uid, primary gid and supplementary gids. */
    public record User(long uid, long gid, List<Long> additionalGids) {
        public User {
            additionalGids = List.copyOf(additionalGids);
        }
    }

    /** Capability sets, each a list of {@code CAP_*} names. */
    public record Capabilities(
            List<String> bounding,
            List<String> effective,
            List<String> inheritable,
            List<String> permitted,
            List<String> ambient) {
        public Capabilities {
            bounding = List.copyOf(bounding);
            effective = List.copyOf(effective);
            inheritable = List.copyOf(inheritable);
            permitted = List.copyOf(permitted);
            ambient = List.copyOf(ambient);
        }
    }

    /** {@code process.consoleSize}: rows and columns, each 1 to 65535. */
    public record ConsoleSize(int height, int width) {
    }

    /** One resource limit, e.g. {@code RLIMIT_NOFILE}. */
    public record Rlimit(String type, long soft, long hard) {
    }
}
