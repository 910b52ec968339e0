package io.cairn.engine.runtime.spec.seccomp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A seccomp profile in the containers format ({@code /usr/share/containers/seccomp.json}, Docker's
 * {@code default.json}), which is a superset of OCI's {@code linux.seccomp}: a profile with
 * {@code architectures} and unconditional rules is an OCI section as it stands.
 *
 * @param defaultAction   action when no rule matches (required)
 * @param defaultErrnoRet errno of the default action, or {@code null}
 * @param architectures   explicit {@code SCMP_ARCH_*} list (OCI form); exclusive with {@code archMap}
 * @param archMap         native architecture → its sub-architectures (containers form)
 * @param syscalls        rule groups, in order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Profile(
        String defaultAction,
        Long defaultErrnoRet,
        List<String> architectures,
        List<ArchMap> archMap,
        List<Group> syscalls) {

    /** One {@code archMap} entry. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ArchMap(String architecture, List<String> subArchitectures) {
    }

    /**
     * A rule group: {@code names} (or the legacy single {@code name}) get {@code action} when every
     * {@code args} condition holds, if {@code includes} all hold and no {@code excludes} does.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Group(
            List<String> names,
            String name,
            String action,
            Long errnoRet,
            List<Arg> args,
            Filter includes,
            Filter excludes) {
    }

    /** A syscall argument condition, as in OCI. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Arg(Integer index, Long value, Long valueTwo, String op) {
    }

    /** Conditions on the container: its capabilities, the architecture (Go names), the kernel version. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Filter(List<String> caps, List<String> arches, String minKernel) {
    }
}
