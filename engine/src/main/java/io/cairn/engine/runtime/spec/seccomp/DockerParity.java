package io.cairn.engine.runtime.spec.seccomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Brings the translated default profile to Docker's on namespace and mount syscalls.
 *
 * <p>Why: the profile Debian ships in containers-common (0.50) is Podman's, not Docker's. To let
 * containers nest, it allows {@code unshare}, {@code clone}/{@code clone3} with any flags,
 * {@code mount}, {@code umount2} and the new mount API to everyone, so {@code unshare -U} (a new
 * user namespace, in which the process holds every capability) succeeds. Docker's profile allows
 * those only with CAP_SYS_ADMIN, and {@code clone} without it only when no namespace flag is set
 * (mask {@code 0x7E020000}: CLONE_NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET).
 *
 * <p>So, when CAP_SYS_ADMIN is not granted: those syscalls are removed from every allow rule and
 * denied with EPERM (Docker's errno; the containers profile's default would be ENOSYS);
 * {@code clone} is allowed without namespace flags; {@code clone3}, whose flags live in memory
 * that seccomp cannot inspect, fails with ENOSYS so that libc falls back to {@code clone}, as
 * under Docker. With CAP_SYS_ADMIN the profile is left as translated. Applied to the default
 * profile only: a profile given with {@code seccomp=FILE} is used as written.
 */
public final class DockerParity {

    /** Syscalls Docker's default profile allows only with CAP_SYS_ADMIN (moby profiles/seccomp/default.json). */
    static final Set<String> SYS_ADMIN_ONLY = Set.of(
            "bpf", "clone", "clone3", "fanotify_init", "fsconfig", "fsmount", "fsopen", "fspick",
            "lookup_dcookie", "mount", "mount_setattr", "move_mount", "open_tree", "perf_event_open",
            "quotactl", "quotactl_fd", "setdomainname", "sethostname", "setns", "syslog", "umount",
            "umount2", "unshare");

    /** CLONE_NEWNS|CLONE_NEWCGROUP|CLONE_NEWUTS|CLONE_NEWIPC|CLONE_NEWUSER|CLONE_NEWPID|CLONE_NEWNET. */
    public static final long CLONE_NAMESPACE_FLAGS = 0x7E020000L;
    static final long EPERM = 1;
    static final long ENOSYS = 38;

    private DockerParity() {
    }

    /**
     * {@code seccomp} restricted as the class comment says, for a container on {@code goArch} whose
     * bounding set holds the capabilities {@code granted} accepts.
     */
    public static Seccomp apply(Seccomp seccomp, Predicate<String> granted, String goArch) {
        if (granted.test("CAP_SYS_ADMIN")) {
            return seccomp;
        }
        List<Seccomp.Syscall> rules = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (Seccomp.Syscall r : seccomp.syscalls()) {
            if (!r.action().equals("SCMP_ACT_ALLOW")) {
                rules.add(r);
                continue;
            }
            List<String> kept = new ArrayList<>();
            for (String n : r.names()) {
                if (SYS_ADMIN_ONLY.contains(n)) {
                    if (!removed.contains(n)) {
                        removed.add(n);
                    }
                } else {
                    kept.add(n);
                }
            }
            if (!kept.isEmpty()) {
                rules.add(new Seccomp.Syscall(kept, r.action(), r.errnoRet(), r.args()));
            }
        }
        removed.remove("clone");
        removed.remove("clone3");
        // A syscall some other rule already denies (setns, bpf… in the containers profile) keeps
        // that rule alone: libseccomp rejects two argument-less rules for one syscall.
        for (Seccomp.Syscall r : rules) {
            if (r.args() == null) {
                removed.removeAll(r.names());
            }
        }
        if (!removed.isEmpty()) {
            rules.add(new Seccomp.Syscall(removed.stream().sorted().toList(), "SCMP_ACT_ERRNO", EPERM, null));
        }
        // s390 passes clone's flags second.
        int flagsArg = goArch.startsWith("s390") ? 1 : 0;
        rules.add(new Seccomp.Syscall(List.of("clone"), "SCMP_ACT_ALLOW", null,
                List.of(new Seccomp.Arg(flagsArg, CLONE_NAMESPACE_FLAGS, 0, "SCMP_CMP_MASKED_EQ"))));
        rules.add(new Seccomp.Syscall(List.of("clone3"), "SCMP_ACT_ERRNO", ENOSYS, null));
        return new Seccomp(seccomp.defaultAction(), seccomp.defaultErrnoRet(), seccomp.architectures(), rules);
    }
}
