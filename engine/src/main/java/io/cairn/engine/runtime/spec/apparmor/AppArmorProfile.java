package io.cairn.engine.runtime.spec.apparmor;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cairn's default AppArmor profile for containers, the counterpart of Docker's
 * {@code docker-default} (moby's profiles/apparmor, also used by containerd and Podman): everything
 * a process may do under its capabilities and seccomp filter, except mounting, writing to /proc
 * outside {@code /proc/PID/**} and {@code /proc/sys/kernel/shm*}, the kernel's magic files
 * ({@code sysrq-trigger}, {@code kcore}), writing to /sys outside the cgroup tree, and reading
 * /sys/firmware and /sys/kernel/security. Signals are received from unconfined (host) processes
 * and the daemon; ptrace and signals among the container's own processes are allowed.
 *
 * <p>The signal and ptrace rules need apparmor_parser 2.9 or later (Docker checks the version;
 * every distribution Cairn runs on ships 3.x).
 *
 * @param name          the profile's name ({@code cairn-default})
 * @param daemonProfile the profile the daemon runs under ({@code unconfined} for most)
 * @param tunables      include {@code <tunables/global>} (which defines {@code @{PROC}}) rather than
 *                      defining {@code @{PROC}} here
 * @param base          include {@code <abstractions/base>}
 */
public record AppArmorProfile(String name, String daemonProfile, boolean tunables, boolean base) {

    /** The default profile's name. */
    public static final String DEFAULT_NAME = "cairn-default";

    public AppArmorProfile {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || !daemonProfile.matches("[^\\s{}]+")) {
            throw new IllegalArgumentException("invalid AppArmor profile name \"" + name + "\" or daemon profile \""
                    + daemonProfile + "\"");
        }
    }

    /** The profile for a host whose policy files are under {@code policyDir} (/etc/apparmor.d). */
    public static AppArmorProfile forHost(String name, String daemonProfile, Path policyDir) {
        return new AppArmorProfile(name, daemonProfile, Files.exists(policyDir.resolve("tunables/global")),
                Files.exists(policyDir.resolve("abstractions/base")));
    }

    /** The profile's source, as apparmor_parser reads it. */
    public String text() {
        StringBuilder p = new StringBuilder();
        p.append(tunables ? "#include <tunables/global>\n" : "@{PROC}=/proc/\n");
        p.append("\nprofile ").append(name).append(" flags=(attach_disconnected,mediate_deleted) {\n");
        if (base) {
            p.append("  #include <abstractions/base>\n");
        }
        // what the kernel's other checks (capabilities, seccomp, namespaces) already bound
        rules(p, "network,", "capability,", "file,", "umount,");
        p.append("\n  # the host's unconfined processes and the daemon may signal the container (kill, stop)\n");
        rules(p, "signal (receive) peer=unconfined,",
                "signal (receive) peer=" + daemonProfile + ",",
                "signal (send,receive) peer=" + name + ",");
        p.append("\n  # /proc: writable only below /proc/PID and /proc/sys/kernel/shm*\n");
        rules(p, "deny @{PROC}/* w,",
                "deny @{PROC}/{[^1-9],[^1-9][^0-9],[^1-9s][^0-9y][^0-9s],[^1-9][^0-9][^0-9][^0-9/]*}/** w,",
                "deny @{PROC}/sys/[^k]** w,",
                "deny @{PROC}/sys/kernel/{?,??,[^s][^h][^m]**} w,",
                "deny @{PROC}/sysrq-trigger rwklx,",
                "deny @{PROC}/kcore rwklx,");
        p.append("\n");
        rules(p, "deny mount,");
        p.append("\n  # /sys: writable only in the cgroup tree; firmware and LSM state not even readable\n");
        rules(p, "deny /sys/[^f]*/** wklx,",
                "deny /sys/f[^s]*/** wklx,",
                "deny /sys/fs/[^c]*/** wklx,",
                "deny /sys/fs/c[^g]*/** wklx,",
                "deny /sys/fs/cg[^r]*/** wklx,",
                "deny /sys/firmware/** rwklx,",
                "deny /sys/kernel/security/** rwklx,");
        p.append("\n  # ps inside the container reads its own processes\n");
        rules(p, "ptrace (trace,read,tracedby,readby) peer=" + name + ",");
        p.append("}\n");
        return p.toString();
    }

    private static void rules(StringBuilder p, String... rules) {
        for (String r : rules) {
            p.append("  ").append(r).append('\n');
        }
    }
}
