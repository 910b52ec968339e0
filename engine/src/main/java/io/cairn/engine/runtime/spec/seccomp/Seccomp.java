package io.cairn.engine.runtime.spec.seccomp;

import java.util.List;

/**
 * The OCI {@code linux.seccomp} section: a filter the runtime compiles with libseccomp.
 *
 * @param defaultAction   action for syscalls no rule matches, e.g. {@code SCMP_ACT_ERRNO}
 * @param defaultErrnoRet errno returned by the default action, or {@code null} (EPERM)
 * @param architectures   {@code SCMP_ARCH_*} the filter applies to (native first)
 * @param syscalls        rules, in the order the profile gives them
 */
public record Seccomp(String defaultAction, Long defaultErrnoRet, List<String> architectures, List<Syscall> syscalls) {

    public Seccomp {
        architectures = List.copyOf(architectures);
        syscalls = List.copyOf(syscalls);
    }

    /** One rule: {@code names} get {@code action} when all {@code args} conditions hold. */
    public record Syscall(List<String> names, String action, Long errnoRet, List<Arg> args) {
        public Syscall {
            names = List.copyOf(names);
            args = args == null ? null : List.copyOf(args);
        }
    }

    /** A condition on argument {@code index}: {@code op} is {@code SCMP_CMP_*}; {@code valueTwo} is the mask for MASKED_EQ. */
    public record Arg(int index, long value, long valueTwo, String op) {
    }
}
