package io.cairn.engine.runtime.spec.seccomp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Translates a containers-format {@link Profile} into the OCI {@code linux.seccomp} of one
 * container, as Podman's {@code pkg/seccomp} does:
 * <ul>
 *   <li>architectures: the {@code archMap} entry of the native architecture and its
 *       sub-architectures (x86_64: {@code SCMP_ARCH_X86_64}, {@code SCMP_ARCH_X86},
 *       {@code SCMP_ARCH_X32}), or the profile's explicit {@code architectures};</li>
 *   <li>a rule group is kept when none of its {@code excludes.caps} is granted, its
 *       {@code excludes.arches} does not name the native architecture, all its
 *       {@code includes.caps} are granted, its {@code includes.arches} (if any) names the native
 *       architecture, and the kernel is at least its {@code includes.minKernel};</li>
 *   <li>capabilities are the container's bounding set.</li>
 * </ul>
 */
public final class SeccompTranslator {

    /** Go architecture names (the profile's {@code arches}) → libseccomp's native architecture. */
    private static final Map<String, String> NATIVE = Map.ofEntries(
            Map.entry("amd64", "SCMP_ARCH_X86_64"), Map.entry("386", "SCMP_ARCH_X86"),
            Map.entry("arm64", "SCMP_ARCH_AARCH64"), Map.entry("arm", "SCMP_ARCH_ARM"),
            Map.entry("ppc64le", "SCMP_ARCH_PPC64LE"), Map.entry("s390x", "SCMP_ARCH_S390X"),
            Map.entry("riscv64", "SCMP_ARCH_RISCV64"), Map.entry("mips64", "SCMP_ARCH_MIPS64"),
            Map.entry("mips64le", "SCMP_ARCH_MIPSEL64"));

    private final String goArch;
    private final String kernelRelease;

    /**
     * @param goArch        the native architecture by its Go name ({@code amd64}), see {@link #goArch()}
     * @param kernelRelease the running kernel's release ({@code 6.18.44-…})
     */
    public SeccompTranslator(String goArch, String kernelRelease) {
        this.goArch = goArch;
        this.kernelRelease = kernelRelease;
    }

    /** This JVM's architecture by its Go name: {@code os.arch} {@code amd64}/{@code x86_64} → {@code amd64}, {@code aarch64} → {@code arm64}. */
    public static String goArch() {
        String a = System.getProperty("os.arch");
        return switch (a) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64" -> "arm64";
            case "x86", "i386", "i686" -> "386";
            default -> a;
        };
    }

    /**
     * The OCI section of {@code profile} for a container whose bounding set holds the capabilities
     * {@code granted} accepts ({@code CAP_*} names).
     */
    public Seccomp translate(Profile profile, Predicate<String> granted) {
        List<String> arches = new ArrayList<>();
        if (profile.architectures() != null && !profile.architectures().isEmpty()) {
            arches.addAll(profile.architectures());
        } else if (profile.archMap() != null) {
            String native_ = NATIVE.get(goArch);
            for (Profile.ArchMap m : profile.archMap()) {
                if (m.architecture() != null && m.architecture().equals(native_)) {
                    arches.add(m.architecture());
                    if (m.subArchitectures() != null) {
                        arches.addAll(m.subArchitectures());
                    }
                    break;
                }
            }
        }
        List<Seccomp.Syscall> rules = new ArrayList<>();
        for (Profile.Group g : profile.syscalls() == null ? List.<Profile.Group>of() : profile.syscalls()) {
            if (applies(g, granted)) {
                rules.add(rule(g));
            }
        }
        return new Seccomp(profile.defaultAction(), profile.defaultErrnoRet(), arches, rules);
    }

    private boolean applies(Profile.Group g, Predicate<String> granted) {
        Profile.Filter ex = g.excludes();
        if (ex != null) {
            if (ex.arches() != null && ex.arches().contains(goArch)) {
                return false;
            }
            if (ex.caps() != null && ex.caps().stream().anyMatch(granted)) {
                return false;
            }
        }
        Profile.Filter in = g.includes();
        if (in != null) {
            if (in.arches() != null && !in.arches().isEmpty() && !in.arches().contains(goArch)) {
                return false;
            }
            if (in.caps() != null && !in.caps().stream().allMatch(granted)) {
                return false;
            }
            if (in.minKernel() != null && !in.minKernel().isEmpty()
                    && KernelVersion.compare(kernelRelease, in.minKernel()) < 0) {
                return false;
            }
        }
        return true;
    }

    private static Seccomp.Syscall rule(Profile.Group g) {
        List<String> names = g.names() != null && !g.names().isEmpty() ? g.names() : List.of(g.name());
        List<Seccomp.Arg> args = null;
        if (g.args() != null && !g.args().isEmpty()) {
            args = new ArrayList<>();
            for (Profile.Arg a : g.args()) {
                args.add(new Seccomp.Arg(a.index(), a.value(), a.valueTwo() == null ? 0 : a.valueTwo(), a.op()));
            }
        }
        return new Seccomp.Syscall(names, g.action(), g.errnoRet(), args);
    }
}
