package io.cairn.engine.runtime.spec.seccomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.runtime.spec.CapabilitySet;
import io.cairn.engine.runtime.spec.SeccompFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SeccompTranslatorTest {

    static final SeccompTranslator AMD64 = new SeccompTranslator("amd64", "6.18.44-test");
    static final CapabilitySet WITH_SYS_ADMIN = CapabilitySet.tweak(CapabilitySet.DOCKER_DEFAULT, List.of("SYS_ADMIN"),
            List.of(), false, 40);

    static Profile resource(String name) throws IOException {
        try (InputStream in = SeccompTranslatorTest.class.getResourceAsStream("/runtime/seccomp/" + name)) {
            return ProfileReader.parse(in.readAllBytes(), name);
        }
    }

    static Seccomp defaultFor(CapabilitySet caps) {
        Profile containers = ProfileReader.read(SeccompFixtures.profile());
        return DockerParity.apply(AMD64.translate(containers, caps::contains), caps::contains, "amd64");
    }

    /** Names that some rule allows with no argument condition. */
    static Set<String> allowedUnconditionally(Seccomp s) {
        return s.syscalls().stream().filter(r -> r.action().equals("SCMP_ACT_ALLOW") && r.args() == null)
                .flatMap(r -> r.names().stream()).collect(Collectors.toSet());
    }

    static List<Seccomp.Syscall> rulesFor(Seccomp s, String name) {
        return s.syscalls().stream().filter(r -> r.names().contains(name)).toList();
    }

    @Test
    void defaultCapsDenyNewUserNamespaces() {
        Seccomp s = defaultFor(CapabilitySet.DOCKER_DEFAULT);
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), s.architectures());
        assertEquals("SCMP_ACT_ERRNO", s.defaultAction());

        Set<String> allowed = allowedUnconditionally(s);
        for (String ns : List.of("unshare", "setns", "clone", "clone3", "mount", "umount2", "fsopen", "open_tree")) {
            assertFalse(allowed.contains(ns), ns + " must not be allowed without CAP_SYS_ADMIN");
        }
        // unshare(CLONE_NEWUSER) → EPERM, as under Docker.
        assertEquals(List.of(new Seccomp.Syscall(rulesFor(s, "unshare").get(0).names(), "SCMP_ACT_ERRNO", 1L, null)),
                rulesFor(s, "unshare"));
        // clone only without namespace flags: (flags & 0x7E020000) == 0; the mask covers CLONE_NEWUSER.
        List<Seccomp.Syscall> clone = rulesFor(s, "clone");
        assertEquals(1, clone.size());
        Seccomp.Arg arg = clone.get(0).args().get(0);
        assertEquals(new Seccomp.Arg(0, 0x7E020000L, 0, "SCMP_CMP_MASKED_EQ"), arg);
        long cloneNewUser = 0x10000000L;
        assertTrue((arg.value() & cloneNewUser) != 0);
        // clone3 → ENOSYS, so libc falls back to clone, whose flags the filter can see.
        assertEquals(List.of(new Seccomp.Syscall(List.of("clone3"), "SCMP_ACT_ERRNO", 38L, null)), rulesFor(s, "clone3"));
        // setns keeps the profile's own EPERM rule and gets no second one (libseccomp rejects duplicates).
        assertEquals(1, rulesFor(s, "setns").size());
        assertEquals("SCMP_ACT_ERRNO", rulesFor(s, "setns").get(0).action());
    }

    @Test
    void defaultCapsKeepTheRulesTheirCapabilitiesSelect() {
        Seccomp s = defaultFor(CapabilitySet.DOCKER_DEFAULT);
        Set<String> allowed = allowedUnconditionally(s);
        assertTrue(allowed.containsAll(Set.of("read", "execve", "arch_prctl", "modify_ldt", "chroot", "socket")));
        assertFalse(allowed.contains("sync_file_range2"), "ppc64le only");
        assertFalse(allowed.contains("set_tls"), "arm only");
        assertFalse(allowed.contains("bpf"), "CAP_SYS_ADMIN only");
        assertFalse(allowed.contains("open_by_handle_at"), "CAP_DAC_READ_SEARCH only");
        assertEquals("SCMP_ACT_ERRNO", rulesFor(s, "open_by_handle_at").get(0).action());
        // CAP_AUDIT_WRITE is granted: the socket(AF_NETLINK, NETLINK_AUDIT) restrictions are gone.
        assertTrue(rulesFor(s, "socket").stream().allMatch(r -> r.action().equals("SCMP_ACT_ALLOW") && r.args() == null));
    }

    @Test
    void withSysAdminTheProfileAllowsNamespacesAsTranslated() {
        Seccomp s = defaultFor(WITH_SYS_ADMIN);
        Set<String> allowed = allowedUnconditionally(s);
        assertTrue(allowed.containsAll(Set.of("unshare", "setns", "clone", "clone3", "mount", "bpf", "umount2")));
        assertTrue(rulesFor(s, "unshare").stream().allMatch(r -> r.action().equals("SCMP_ACT_ALLOW")));
        assertTrue(rulesFor(s, "clone").stream().allMatch(r -> r.args() == null));
        assertTrue(rulesFor(s, "setns").stream().noneMatch(r -> r.action().equals("SCMP_ACT_ERRNO")));
    }

    @Test
    void conditionsOnCapsArchesAndKernel() throws IOException {
        Profile p = resource("conditions.json");
        Set<String> plain = names(AMD64.translate(p, CapabilitySet.DOCKER_DEFAULT::contains));
        assertEquals(Set.of("always", "old_kernel_ok", "amd64_only", "without_admin"), plain);

        CapabilitySet adminOnly = CapabilitySet.of("CAP_SYS_ADMIN");
        assertEquals(Set.of("always", "old_kernel_ok", "amd64_only"), names(AMD64.translate(p, adminOnly::contains)));
        CapabilitySet adminAndNet = CapabilitySet.of("CAP_SYS_ADMIN", "CAP_NET_ADMIN");
        assertTrue(names(AMD64.translate(p, adminAndNet::contains)).contains("admin_and_net"), "all included caps granted");

        SeccompTranslator arm = new SeccompTranslator("arm64", "7.2.0");
        Seccomp onArm = arm.translate(p, CapabilitySet.DOCKER_DEFAULT::contains);
        assertEquals(List.of("SCMP_ARCH_AARCH64", "SCMP_ARCH_ARM"), onArm.architectures());
        assertEquals(Set.of("always", "new_kernel_only", "old_kernel_ok", "not_on_amd64", "without_admin"), names(onArm));
    }

    @Test
    void ociFormatPassesThroughUnchanged() throws IOException {
        Seccomp s = AMD64.translate(resource("oci-format.json"), CapabilitySet.DOCKER_DEFAULT::contains);
        assertEquals(List.of("SCMP_ARCH_X86_64"), s.architectures());
        assertEquals(1L, s.defaultErrnoRet());
        assertEquals(new Seccomp.Syscall(List.of("read", "write", "exit_group"), "SCMP_ACT_ALLOW", null, null), s.syscalls().get(0));
        assertEquals(new Seccomp.Syscall(List.of("personality"), "SCMP_ACT_ALLOW", null,
                List.of(new Seccomp.Arg(0, 8, 0, "SCMP_CMP_EQ"))), s.syscalls().get(1));
        assertNull(DockerParity.apply(s, WITH_SYS_ADMIN::contains, "amd64").syscalls().get(0).errnoRet());
    }

    @Test
    void badProfilesAreRejectedWithFileAndPath() {
        assertBad("{\"defaultAction\":\"SCMP_ACT_NOPE\"}", "defaultAction");
        assertBad("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"architectures\":[\"SCMP_ARCH_X86_64\"],"
                + "\"archMap\":[{\"architecture\":\"SCMP_ARCH_X86_64\"}]}", "archMap");
        assertBad("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\"],\"action\":\"ALLOW\"}]}",
                "$.syscalls[0]");
        assertBad("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"read\"],\"name\":\"x\","
                + "\"action\":\"SCMP_ACT_ALLOW\"}]}", "exactly one");
        assertBad("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"a\"],\"action\":\"SCMP_ACT_ALLOW\"},"
                + "{\"names\":[\"b\"],\"action\":\"SCMP_ACT_ALLOW\",\"args\":[{\"index\":9,\"value\":1,\"op\":\"SCMP_CMP_EQ\"}]}]}",
                "$.syscalls[1].args[0]");
        assertBad("{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":{}}", "$.syscalls");
        assertBad("not json", "my.json");
        InvalidArgumentException missing = assertThrows(InvalidArgumentException.class,
                () -> ProfileReader.read(Path.of("/nonexistent/profile.json")));
        assertTrue(missing.getMessage().contains("/nonexistent/profile.json"), missing.getMessage());
    }

    @Test
    void kernelVersionsCompareByLeadingNumbers() {
        assertTrue(KernelVersion.compare("6.18.44-fc-v595", "4.8") > 0);
        assertTrue(KernelVersion.compare("4.8.0", "4.8") == 0);
        assertTrue(KernelVersion.compare("4.7.10", "4.8") < 0);
        assertTrue(KernelVersion.compare("5.10.0-21-amd64", "5.10.1") < 0);
        assertTrue(KernelVersion.compare("6.1", "6.1.0+") == 0);
    }

    private static void assertBad(String json, String named) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> ProfileReader.parse(json.getBytes(StandardCharsets.UTF_8), "my.json"));
        assertTrue(e.getMessage().contains(named) && e.getMessage().contains("my.json"), e.getMessage());
    }

    private static Set<String> names(Seccomp s) {
        return s.syscalls().stream().flatMap(r -> r.names().stream()).collect(Collectors.toSet());
    }
}
