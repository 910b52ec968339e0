package io.cairn.engine.runtime.spec;

import io.cairn.api.InvalidArgumentException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the run's mount requests into OCI mounts, after Docker's defaults: a request for a
 * default's destination ({@code /dev/shm}, say) replaces that default; requests are validated
 * (absolute, clean destinations, not {@code /}, no two at one place) and ordered parents first,
 * so that {@code /a} is mounted before {@code /a/b} whatever the command-line order.
 */
final class MountPlanner {

    /** Docker's options for a tmpfs given without any: {@code --tmpfs /run} is noexec, nosuid, nodev. */
    private static final List<String> TMPFS_DEFAULTS = List.of("noexec", "nosuid", "nodev");

    /** Option pairs where the later one given wins over its opposite. */
    private static final Map<String, String> OPPOSITES = Map.of(
            "exec", "noexec", "noexec", "exec", "suid", "nosuid", "nosuid", "suid",
            "dev", "nodev", "nodev", "dev", "ro", "rw", "rw", "ro");

    private MountPlanner() {
    }

    static List<Mount> plan(List<Mount> defaults, List<RunOptions.MountRequest> requests) {
        Set<String> seen = new HashSet<>();
        List<Mount> user = new ArrayList<>();
        for (RunOptions.MountRequest r : requests) {
            String dst = destination(r.destination());
            if (!seen.add(dst)) {
                throw new InvalidArgumentException("duplicate mount point: " + dst);
            }
            user.add(toMount(r, dst));
        }
        // Depth order, stable for equal depth: a parent is always mounted before its children.
        user.sort(Comparator.comparingInt(m -> depth(m.destination())));
        List<Mount> out = new ArrayList<>();
        for (Mount d : defaults) {
            if (!seen.contains(d.destination())) {
                out.add(d);
            }
        }
        out.addAll(user);
        return List.copyOf(out);
    }

    private static Mount toMount(RunOptions.MountRequest r, String dst) {
        if (r instanceof RunOptions.Bind b) {
            return bind(b.source(), dst, b.readOnly(), "bind mount");
        }
        if (r instanceof RunOptions.Volume v) {
            return bind(v.source(), dst, v.readOnly(), "volume " + (v.name() == null ? "" : v.name()));
        }
        RunOptions.Tmpfs t = (RunOptions.Tmpfs) r;
        return new Mount(dst, "tmpfs", "tmpfs", tmpfsOptions(t.options()));
    }

    private static Mount bind(Path source, String dst, boolean readOnly, String what) {
        if (!source.isAbsolute()) {
            throw new InvalidArgumentException(what.trim() + " source " + source + " for " + dst + " is not an absolute path");
        }
        List<String> options = new ArrayList<>(List.of("rbind", "rprivate"));
        options.add(readOnly ? "ro" : "rw");
        return new Mount(dst, "bind", source.normalize().toString(), options);
    }

    /** Docker's defaults, then the given options; an option replaces its opposite ({@code exec} drops {@code noexec}). */
    static List<String> tmpfsOptions(List<String> given) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String o : TMPFS_DEFAULTS) {
            byKey.put(o, o);
        }
        for (String raw : given) {
            String o = raw.trim();
            if (o.isEmpty()) {
                continue;
            }
            if (o.contains(",")) {
                throw new InvalidArgumentException("invalid tmpfs option \"" + o + "\": give options one by one");
            }
            String opposite = OPPOSITES.get(o);
            if (opposite != null) {
                byKey.remove(opposite);
            }
            int eq = o.indexOf('=');
            byKey.put(eq < 0 ? o : o.substring(0, eq + 1), o);
        }
        return List.copyOf(byKey.values());
    }

    private static String destination(String dst) {
        if (dst == null || !dst.startsWith("/")) {
            throw new InvalidArgumentException("invalid mount destination \"" + dst + "\": it must be an absolute path");
        }
        for (String part : dst.split("/")) {
            if (part.equals("..")) {
                throw new InvalidArgumentException("invalid mount destination \"" + dst + "\": it must not contain ..");
            }
        }
        String clean = Path.of(dst).normalize().toString();
        if (clean.equals("/")) {
            throw new InvalidArgumentException("invalid mount destination \"" + dst + "\": cannot mount over /");
        }
        return clean;
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }
}
