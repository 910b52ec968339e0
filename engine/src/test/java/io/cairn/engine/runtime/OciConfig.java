package io.cairn.engine.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small but valid OCI runtime config for tests (the real one comes from the spec generator):
 * args, env, cwd; pid, mount, ipc, uts and network namespaces; no terminal; the standard /proc,
 * /dev, /dev/pts, /dev/shm, /dev/mqueue and /sys mounts; runc's three default capabilities.
 */
public final class OciConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OciConfig() {
    }

    /** Writes {@code bundle/config.json} for {@code rootfs} running {@code args}. */
    public static Path write(Path bundle, Path rootfs, List<String> args) throws IOException {
        ObjectNode c = JSON.createObjectNode();
        c.put("ociVersion", "1.0.2");
        ObjectNode process = c.putObject("process");
        process.put("terminal", false);
        process.putObject("user").put("uid", 0).put("gid", 0);
        ArrayNode a = process.putArray("args");
        args.forEach(a::add);
        process.putArray("env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
                .add("HOME=/root");
        process.put("cwd", "/");
        ObjectNode caps = process.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            caps.putArray(set).add("CAP_AUDIT_WRITE").add("CAP_KILL").add("CAP_NET_BIND_SERVICE");
        }
        process.put("noNewPrivileges", true);
        c.putObject("root").put("path", rootfs.toAbsolutePath().toString()).put("readonly", false);
        c.put("hostname", "cairn-test");
        ArrayNode mounts = c.putArray("mounts");
        mount(mounts, "/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev"));
        mount(mounts, "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"));
        mount(mounts, "/dev/pts", "devpts", "devpts",
                List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620"));
        mount(mounts, "/dev/shm", "tmpfs", "shm", List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k"));
        mount(mounts, "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev"));
        mount(mounts, "/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"));
        ObjectNode linux = c.putObject("linux");
        ArrayNode ns = linux.putArray("namespaces");
        for (String type : List.of("pid", "mount", "ipc", "uts", "network")) {
            ns.addObject().put("type", type);
        }
        linux.putArray("maskedPaths").add("/proc/kcore").add("/proc/keys").add("/sys/firmware");
        linux.putArray("readonlyPaths").add("/proc/sys").add("/proc/sysrq-trigger");
        Files.createDirectories(bundle);
        Path file = bundle.resolve("config.json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), c);
        return file;
    }

    private static void mount(ArrayNode mounts, String dest, String type, String source, List<String> options) {
        ObjectNode m = mounts.addObject().put("destination", dest).put("type", type).put("source", source);
        ArrayNode o = m.putArray("options");
        options.forEach(o::add);
    }
}
