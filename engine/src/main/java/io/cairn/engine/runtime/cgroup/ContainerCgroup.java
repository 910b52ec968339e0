package io.cairn.engine.runtime.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One container's cgroup: {@code /sys/fs/cgroup/CONTROLLER/cairn/ID} on cgroup v1,
 * {@code /sys/fs/cgroup/cairn/ID} on v2 (runc's cgroupfs driver joins an absolute
 * {@code cgroupsPath} to each hierarchy's mount point). It exists from {@code runc create} to
 * {@code runc delete}; every read of a missing file answers "nothing" rather than failing, since
 * the container may end at any moment.
 */
public final class ContainerCgroup {

    /** Where cgroup hierarchies are mounted. */
    static final Path ROOT = Path.of("/sys/fs/cgroup");

    private final String relative;
    private final boolean v2;
    private final Path root;

    ContainerCgroup(Path root, String relative, boolean v2) {
        this.root = root;
        this.relative = relative;
        this.v2 = v2;
    }

    /** The {@code cgroupsPath} the spec gives container {@code id}. */
    public static String cgroupsPath(String id) {
        return "/cairn/" + id;
    }

    /** Container {@code id}'s cgroup on this host. */
    public static ContainerCgroup of(String id) {
        return new ContainerCgroup(ROOT, cgroupsPath(id).substring(1), Files.exists(ROOT.resolve("cgroup.controllers")));
    }

    public boolean v2() {
        return v2;
    }

    /** The directory of {@code controller} (v1), or the unified directory (v2). */
    public Path dir(String controller) {
        return v2 ? root.resolve(relative) : root.resolve(controller).resolve(relative);
    }

    /** Whether runc's cgroup is there (the container was created and not yet deleted). */
    public boolean exists() {
        return Files.isDirectory(dir("pids")) || Files.isDirectory(dir("memory"));
    }

    /** The pids of every process in the container (empty when the cgroup is gone). */
    public List<Long> pids() {
        List<Long> out = new ArrayList<>();
        for (String line : lines(dir(v2 ? "" : "pids").resolve("cgroup.procs"))) {
            if (!line.isBlank()) {
                out.add(Long.parseLong(line.strip()));
            }
        }
        return out;
    }

    /**
     * How many processes the OOM killer killed in the cgroup: v1 {@code memory.oom_control}'s
     * {@code oom_kill}, v2 {@code memory.events}' {@code oom_kill} (0 when unknown).
     */
    public long oomKills() {
        Path file = v2 ? dir("").resolve("memory.events") : dir("memory").resolve("memory.oom_control");
        return keyed(file).getOrDefault("oom_kill", 0L);
    }

    /** A memory limit file's value: {@code memory.limit_in_bytes} (v1) or {@code memory.max} (v2); empty for none. */
    public OptionalLong memoryLimit() {
        return limit(v2 ? dir("").resolve("memory.max") : dir("memory").resolve("memory.limit_in_bytes"));
    }

    /** A counter file holding one number, empty when missing or {@code max}. */
    OptionalLong limit(Path file) {
        List<String> l = lines(file);
        if (l.isEmpty() || l.get(0).isBlank() || l.get(0).strip().equals("max")) {
            return OptionalLong.empty();
        }
        try {
            long v = Long.parseLong(l.get(0).strip().split("\\s+")[0]);
            // v1 writes "no limit" as the largest page-aligned long
            return v >= Long.MAX_VALUE / 2 ? OptionalLong.empty() : OptionalLong.of(v);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    long number(Path file) {
        return limit(file).orElse(0);
    }

    /** A flat-keyed file ({@code key value} per line), as {@code memory.stat} and {@code cpu.stat}. */
    static Map<String, Long> keyed(Path file) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String line : lines(file)) {
            String[] kv = line.strip().split("\\s+");
            if (kv.length == 2) {
                try {
                    out.put(kv[0], Long.parseLong(kv[1]));
                } catch (NumberFormatException e) {
                    // a line that is not a counter
                }
            }
        }
        return out;
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
