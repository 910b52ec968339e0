package io.cairn.engine.runtime.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fixed host: nofile hard 20000, nproc 4096, kernel 6.18, cgroup v1, 41 capabilities, an ip binary. */
record FakeHost(Map<String, Long> hardLimits, boolean cgroupV2, String kernelRelease, Optional<Path> ipCommand)
        implements Host {

    static FakeHost standard() {
        return new FakeHost(Map.of("RLIMIT_NOFILE", 20000L, "RLIMIT_NPROC", 4096L, "RLIMIT_CORE", UNLIMITED),
                false, "6.18.44-test", Optional.of(Path.of("/usr/sbin/ip")));
    }

    FakeHost withCgroupV2() {
        return new FakeHost(hardLimits, true, kernelRelease, ipCommand);
    }

    FakeHost withoutIp() {
        return new FakeHost(hardLimits, cgroupV2, kernelRelease, Optional.empty());
    }

    @Override
    public int lastCap() {
        return 40;
    }

    @Override
    public List<Linux.Device> devices() {
        return List.of(new Linux.Device("/dev/sda", "b", 8, 0, 0660, 0, 6),
                new Linux.Device("/dev/ttyS0", "c", 4, 64, 0660, 0, 5));
    }
}
