package io.cairn.engine.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cairn.api.EngineFailureException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.image.oci.ExecutionConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecGeneratorTest {

    static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final Path PROFILE = Path.of("/usr/share/containers/seccomp.json");

    @TempDir
    Path rootfs;

    SpecGenerator generator;
    ExecutionConfig image;

    @BeforeEach
    void setUp() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"),
                "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:App:/home/app:/bin/sh\n");
        Files.writeString(rootfs.resolve("etc/group"), "root:x:0:\napp:x:1000:\nwheel:x:10:app\n");
        generator = new SpecGenerator(FakeHost.standard(), SeccompFixtures.profile(), "amd64");
        image = ExecutionConfig.empty().toBuilder()
                .cmd(List.of("/bin/sh"))
                .env(List.of("PATH=/custom/bin", "LANG=C.UTF-8"))
                .build();
    }

    Spec generate(RunOptions opts) {
        Spec spec = generator.generate(image, opts, rootfs, ID);
        RuntimeSchemas.assertValid(SpecJson.write(spec));
        return spec;
    }

    @Test
    void defaultsAreDockers() {
        Spec spec = generate(RunOptions.defaults());

        assertEquals("1.0.2", spec.ociVersion());
        assertEquals("0123456789ab", spec.hostname());
        assertEquals(rootfs.toString(), spec.root().path());
        assertFalse(spec.root().readonly());
        assertEquals(List.of("/bin/sh"), spec.process().args());
        assertEquals("/", spec.process().cwd());
        assertEquals(new Process.User(0, 0, List.of()), spec.process().user());
        assertFalse(spec.process().noNewPrivileges());
        assertFalse(spec.process().terminal());

        Process.Capabilities caps = spec.process().capabilities();
        List<String> docker = List.of("CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
                "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW",
                "CAP_SYS_CHROOT", "CAP_MKNOD", "CAP_AUDIT_WRITE", "CAP_SETFCAP");
        assertEquals(docker, caps.bounding());
        assertEquals(docker, caps.effective());
        assertEquals(docker, caps.permitted());
        assertEquals(List.of(), caps.inheritable());
        assertEquals(List.of(), caps.ambient());

        assertEquals(List.of("mount", "network", "uts", "pid", "ipc"),
                spec.linux().namespaces().stream().map(Linux.Namespace::type).toList());
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"),
                spec.mounts().stream().map(Mount::destination).toList());
        Mount shm = mount(spec, "/dev/shm");
        assertTrue(shm.options().contains("size=65536k"), shm.toString());
        assertTrue(mount(spec, "/sys").options().contains("ro"));
        assertTrue(mount(spec, "/sys/fs/cgroup").options().contains("ro"));
        assertEquals(DockerDefaults.MASKED_PATHS, spec.linux().maskedPaths());
        assertTrue(spec.linux().maskedPaths().contains("/proc/kcore"));
        assertEquals(List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"),
                spec.linux().readonlyPaths());
        assertEquals(List.of(), spec.linux().devices());
        List<Linux.DeviceRule> rules = spec.linux().resources().devices();
        assertEquals(new Linux.DeviceRule(false, null, null, null, "rwm"), rules.get(0));
        assertTrue(rules.contains(new Linux.DeviceRule(true, "c", 1L, 3L, "rwm")), "null allowed");
        assertTrue(rules.contains(new Linux.DeviceRule(false, "c", 10L, 229L, "rwm")), "fuse denied");
        assertEquals("/cairn/" + ID, spec.linux().cgroupsPath());
        assertEquals(Map.of("net.ipv4.ip_unprivileged_port_start", "0", "net.ipv4.ping_group_range", "0 2147483647"),
                spec.linux().sysctl());
        assertEquals(List.of(new Process.Rlimit("RLIMIT_NOFILE", 20000, 20000)), spec.process().rlimits());
        assertNotNull(spec.linux().seccomp());
        assertEquals(List.of("SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32"), spec.linux().seccomp().architectures());
    }

    @Test
    void capEffOfTheDefaultsIsDockers() {
        Spec spec = generate(RunOptions.defaults());
        String[] names = spec.process().capabilities().effective().toArray(String[]::new);
        assertEquals("00000000a80425fb", CapabilitySet.of(names).mask());
    }

    @Test
    void networkNoneBringsLoopbackUpWithAHook() {
        Spec spec = generate(RunOptions.defaults());
        assertEquals(List.of(new Spec.Hook("/usr/sbin/ip", List.of("ip", "link", "set", "lo", "up"))),
                spec.hooks().createContainer());
    }

    @Test
    void networkNoneWithoutAnIpBinaryFailsClearly() {
        SpecGenerator noIp = new SpecGenerator(FakeHost.standard().withoutIp(), SeccompFixtures.profile(), "amd64");
        EngineFailureException e = assertThrows(EngineFailureException.class,
                () -> noIp.generate(image, RunOptions.defaults(), rootfs, ID));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    }

    @Test
    void networkHostSharesTheHostNamespaceAndNeedsNoHook() {
        Spec spec = generate(RunOptions.builder().network(RunOptions.Network.HOST).build());
        assertFalse(spec.linux().namespaces().contains(new Linux.Namespace("network")));
        assertNull(spec.hooks());
        assertEquals(Map.of(), spec.linux().sysctl());
    }

    @Test
    void cgroupV2HostsGetACgroupNamespaceAsDockerGives() {
        SpecGenerator v2 = new SpecGenerator(FakeHost.standard().withCgroupV2(), SeccompFixtures.profile(), "amd64");
        Spec spec = v2.generate(image, RunOptions.defaults(), rootfs, ID);
        assertTrue(spec.linux().namespaces().contains(new Linux.Namespace("cgroup")));
        RuntimeSchemas.assertValid(SpecJson.write(spec));
    }

    @Test
    void privilegedLiftsEveryRestriction() {
        Spec spec = generate(RunOptions.builder().privileged(true).build());
        assertEquals(41, spec.process().capabilities().bounding().size());
        assertTrue(spec.process().capabilities().effective().contains("CAP_SYS_ADMIN"));
        assertEquals(List.of(), spec.linux().maskedPaths());
        assertEquals(List.of(), spec.linux().readonlyPaths());
        assertNull(spec.linux().seccomp());
        assertEquals(FakeHost.standard().devices(), spec.linux().devices());
        assertEquals(List.of(new Linux.DeviceRule(true, null, null, null, "rwm")), spec.linux().resources().devices());
        assertTrue(mount(spec, "/sys").options().contains("rw"));
        assertFalse(mount(spec, "/sys").options().contains("ro"));
        assertTrue(mount(spec, "/sys/fs/cgroup").options().contains("rw"));
    }

    @Test
    void envIsPathHostnameImageThenRunOverridesThenHome() {
        Spec spec = generate(RunOptions.builder().env(List.of("LANG=en_US", "EXTRA=a=b")).user("app").build());
        assertEquals(List.of("PATH=/custom/bin", "HOSTNAME=0123456789ab", "LANG=en_US", "EXTRA=a=b", "HOME=/home/app"),
                spec.process().env());
    }

    @Test
    void envDefaultsPathWhenTheImageHasNone() {
        image = ExecutionConfig.empty().toBuilder().cmd(List.of("true")).build();
        Spec spec = generate(RunOptions.builder().hostname("web").build());
        assertEquals(List.of("PATH=" + Environment.DEFAULT_PATH, "HOSTNAME=web", "HOME=/root"), spec.process().env());
        assertEquals("web", spec.hostname());
    }

    @Test
    void envEntryWithoutEqualsIsRejectedByName() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> generate(RunOptions.builder().env(List.of("JUSTKEY")).build()));
        assertTrue(e.getMessage().contains("JUSTKEY"), e.getMessage());
    }

    @Test
    void userAndWorkdirComeFromTheImageUnlessOverridden() {
        image = image.toBuilder().user("app").workingDir("/srv/./app").build();
        Spec fromImage = generate(RunOptions.defaults());
        assertEquals(new Process.User(1000, 1000, List.of(10L)), fromImage.process().user());
        assertEquals("/srv/app", fromImage.process().cwd());

        Spec overridden = generate(RunOptions.builder().user("0:10").workdir("/tmp").build());
        assertEquals(new Process.User(0, 10, List.of()), overridden.process().user());
        assertEquals("/tmp", overridden.process().cwd());
    }

    @Test
    void relativeWorkdirIsRejected() {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> generate(RunOptions.builder().workdir("srv").build()));
        assertTrue(e.getMessage().contains("srv"), e.getMessage());
    }

    @Test
    void readOnlyRootfsNoNewPrivilegesLabelsAndStopSignal() {
        image = image.toBuilder().stopSignal("SIGQUIT").build();
        Spec spec = generate(RunOptions.builder().readOnlyRootfs(true).noNewPrivileges(true)
                .labels(Map.of("tier", "web")).build());
        assertTrue(spec.root().readonly());
        assertTrue(spec.process().noNewPrivileges());
        assertEquals(Map.of("tier", "web", SpecGenerator.STOP_SIGNAL_ANNOTATION, "SIGQUIT"), spec.annotations());

        Spec overridden = generate(RunOptions.builder().stopSignal("usr1").build());
        assertEquals("SIGUSR1", overridden.annotations().get(SpecGenerator.STOP_SIGNAL_ANNOTATION));
        assertThrows(InvalidArgumentException.class, () -> generate(RunOptions.builder().stopSignal("SIGNOPE").build()));
    }

    @Test
    void userMountsFollowTheDefaultsParentsFirstAndReplaceASameDestination(@TempDir Path host) {
        Path data = host.resolve("data");
        Path vol = host.resolve("vol");
        Spec spec = generate(RunOptions.builder().mounts(List.of(
                new RunOptions.Bind(data, "/srv/data/sub", true),
                new RunOptions.Volume("v1", vol, "/srv/", false),
                new RunOptions.Tmpfs("/dev/shm", List.of("size=1m", "exec")))).build());
        List<String> dests = spec.mounts().stream().map(Mount::destination).toList();
        assertEquals(List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/srv", "/dev/shm",
                "/srv/data/sub"), dests);
        assertEquals(new Mount("/srv/data/sub", "bind", data.toString(), List.of("rbind", "rprivate", "ro")),
                mount(spec, "/srv/data/sub"));
        assertEquals(new Mount("/srv", "bind", vol.toString(), List.of("rbind", "rprivate", "rw")), mount(spec, "/srv"));
        assertEquals(new Mount("/dev/shm", "tmpfs", "tmpfs", List.of("nosuid", "nodev", "size=1m", "exec")),
                mount(spec, "/dev/shm"));
    }

    @Test
    void badMountsAreRejectedByName(@TempDir Path host) {
        assertRejected(List.of(new RunOptions.Bind(host, "relative", false)), "relative");
        assertRejected(List.of(new RunOptions.Bind(host, "/a/../b", false)), "/a/../b");
        assertRejected(List.of(new RunOptions.Bind(host, "/", false)), "cannot mount over /");
        assertRejected(List.of(new RunOptions.Bind(Path.of("rel"), "/x", false)), "rel");
        assertRejected(List.of(new RunOptions.Tmpfs("/x", null), new RunOptions.Tmpfs("/x/", null)), "duplicate mount point: /x");
    }

    private void assertRejected(List<RunOptions.MountRequest> mounts, String named) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> generate(RunOptions.builder().mounts(mounts).build()));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    @Test
    void ulimitsAreCheckedAgainstTheHostsHardLimits() {
        Spec spec = generate(RunOptions.builder().ulimits(List.of(new RunOptions.Ulimit("nproc", 100, 200),
                new RunOptions.Ulimit("nofile", 1024, 20000), new RunOptions.Ulimit("core", 0, 1L << 40))).build());
        assertEquals(List.of(new Process.Rlimit("RLIMIT_NOFILE", 1024, 20000),
                new Process.Rlimit("RLIMIT_NPROC", 100, 200),
                new Process.Rlimit("RLIMIT_CORE", 0, 1L << 40)), spec.process().rlimits());

        InvalidArgumentException above = assertThrows(InvalidArgumentException.class, () -> generate(
                RunOptions.builder().ulimits(List.of(new RunOptions.Ulimit("nofile", 1048576, 1048576))).build()));
        assertTrue(above.getMessage().contains("nofile") && above.getMessage().contains("20000"), above.getMessage());
        assertThrows(InvalidArgumentException.class, () -> generate(
                RunOptions.builder().ulimits(List.of(new RunOptions.Ulimit("nproc", 300, 200))).build()));
        assertThrows(InvalidArgumentException.class, () -> generate(
                RunOptions.builder().ulimits(List.of(new RunOptions.Ulimit("bogus", 1, 1))).build()));
    }

    @Test
    void badIdsAndHostnamesAreRejected() {
        assertThrows(InvalidArgumentException.class, () -> generator.generate(image, RunOptions.defaults(), rootfs, "XYZ"));
        assertThrows(InvalidArgumentException.class, () -> generator.generate(image, RunOptions.defaults(), rootfs, "abc"));
        assertThrows(InvalidArgumentException.class,
                () -> generator.generate(image, RunOptions.defaults(), Path.of("relative"), ID));
        assertThrows(InvalidArgumentException.class, () -> generate(RunOptions.builder().hostname("bad host").build()));
        assertThrows(InvalidArgumentException.class, () -> generate(RunOptions.builder().hostname("-x").build()));
    }

    @Test
    void missingDefaultProfileIsAnEngineFailureNamingIt(@TempDir Path dir) {
        Path missing = dir.resolve("none.json");
        SpecGenerator g = new SpecGenerator(FakeHost.standard(), missing, "amd64");
        EngineFailureException e = assertThrows(EngineFailureException.class,
                () -> g.generate(image, RunOptions.defaults(), rootfs, ID));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        // ...but unconfined needs no profile.
        assertNull(g.generate(image, RunOptions.builder().seccomp(new RunOptions.SeccompMode.Unconfined()).build(),
                rootfs, ID).linux().seccomp());
    }

    @Test
    void theSchemaCheckCatchesABrokenDocument() {
        byte[] good = SpecJson.write(generate(RunOptions.defaults()));
        String text = new String(good, java.nio.charset.StandardCharsets.UTF_8);
        assertFalse(RuntimeSchemas.violations(text.replace("\"ociVersion\":\"1.0.2\",", "")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEmpty(), "ociVersion is required");
        assertFalse(RuntimeSchemas.violations(text.replace("\"type\":\"pid\"", "\"type\":\"pids\"")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).isEmpty(), "pids is no namespace type");
    }

    @Test
    void jsonIsCanonicalAndLeavesOutAbsentFields() throws IOException {
        Spec spec = generate(RunOptions.builder().network(RunOptions.Network.HOST)
                .seccomp(new RunOptions.SeccompMode.Unconfined()).build());
        byte[] a = SpecJson.write(spec);
        byte[] b = SpecJson.write(generate(RunOptions.builder().network(RunOptions.Network.HOST)
                .seccomp(new RunOptions.SeccompMode.Unconfined()).build()));
        assertTrue(Arrays.equals(a, b));
        JsonNode json = new ObjectMapper().readTree(a);
        assertFalse(json.has("hooks"));
        assertFalse(json.get("linux").has("seccomp"));
        assertEquals("ociVersion,process,root,hostname,mounts,annotations,linux",
                iterable(json.fieldNames()).stream().collect(Collectors.joining(",")));
        assertEquals(0, json.at("/process/user/uid").asInt());
        assertTrue(json.at("/linux/resources/devices/0").has("access"));
        assertFalse(json.at("/linux/resources/devices/0").has("major"));
    }

    /** {@link FakeHost#standard()} on a kernel with AppArmor and Cairn's default profile loaded. */
    private static Host withAppArmor() {
        FakeHost base = FakeHost.standard();
        return new Host() {
            @Override public Map<String, Long> hardLimits() { return base.hardLimits(); }
            @Override public int lastCap() { return base.lastCap(); }
            @Override public boolean cgroupV2() { return base.cgroupV2(); }
            @Override public String kernelRelease() { return base.kernelRelease(); }
            @Override public List<Linux.Device> devices() { return base.devices(); }
            @Override public java.util.Optional<Path> ipCommand() { return base.ipCommand(); }
            @Override public boolean appArmor() { return true; }
            @Override public java.util.Optional<String> appArmorDefault() { return java.util.Optional.of("cairn-default"); }
        };
    }

    @Test
    void appArmorHostsPutContainersUnderTheDefaultProfileAsDockerDoes() throws IOException {
        generator = new SpecGenerator(withAppArmor(), SeccompFixtures.profile(), "amd64");
        Spec spec = generate(RunOptions.defaults());
        assertEquals("cairn-default", spec.process().apparmorProfile());
        assertEquals("cairn-default", new ObjectMapper().readTree(SpecJson.write(spec)).at("/process/apparmorProfile").asText());
        assertEquals("custom", generate(RunOptions.builder().appArmorProfile("custom").build()).process().apparmorProfile());
        assertNull(generate(RunOptions.builder().appArmorProfile("unconfined").build()).process().apparmorProfile());
        assertNull(generate(RunOptions.builder().privileged(true).build()).process().apparmorProfile(), "privileged: unconfined");
        assertEquals("custom", generate(RunOptions.builder().privileged(true).appArmorProfile("custom").build())
                .process().apparmorProfile(), "an explicit profile wins over --privileged, as in Docker");
    }

    @Test
    void hostsWithoutAppArmorGetNoProfileAndRefuseANamedOne() throws IOException {
        Spec spec = generate(RunOptions.defaults());
        assertNull(spec.process().apparmorProfile());
        assertFalse(new ObjectMapper().readTree(SpecJson.write(spec)).get("process").has("apparmorProfile"));
        assertNull(generate(RunOptions.builder().appArmorProfile("unconfined").build()).process().apparmorProfile());
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> generate(RunOptions.builder().appArmorProfile("custom").build()));
        assertTrue(e.getMessage().contains("apparmor=custom") && e.getMessage().contains("no AppArmor"), e.getMessage());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    private static Mount mount(Spec spec, String destination) {
        return spec.mounts().stream().filter(m -> m.destination().equals(destination)).findFirst()
                .orElseThrow(() -> new AssertionError("no mount at " + destination + " in " + spec.mounts()));
    }
}
