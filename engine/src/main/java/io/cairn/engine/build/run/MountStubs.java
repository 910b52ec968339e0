package io.cairn.engine.build.run;

import io.cairn.engine.build.copy.MergedTree;
import io.cairn.engine.event.MountSpec;
import io.cairn.storage.posix.Posix;
import io.cairn.storage.posix.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The mount points a RUN's {@code --mount}s needed: the runtime creates each missing target (and
 * missing parents) in the container's writable layer, and BuildKit removes those stubs before it
 * commits, so that {@code RUN --mount=type=secret,id=x} leaves no empty {@code /run/secrets/x} in the
 * image. A stub goes only if the image did not have it and the step left it empty.
 */
final class MountStubs {

    private MountStubs() {
    }

    /**
     * Removes from {@code upper} the empty stubs of {@code mounts} that {@code image} did not have,
     * deepest first.
     */
    static void clean(Path upper, MergedTree image, List<MountSpec> mounts) throws IOException {
        Set<String> candidates = new LinkedHashSet<>();
        for (MountSpec m : mounts) {
            String rel = m.target().replaceAll("/+", "/").replaceAll("^/|/$", "");
            while (!rel.isEmpty() && !rel.equals(".") && !rel.contains("..")) {
                if (image.lookup(rel).isPresent()) {
                    break; // the image has it, and so its parents
                }
                candidates.add(rel);
                int slash = rel.lastIndexOf('/');
                rel = slash < 0 ? "" : rel.substring(0, slash);
            }
        }
        List<String> deepestFirst = new ArrayList<>(candidates);
        deepestFirst.sort((a, b) -> Long.compare(b.chars().filter(c -> c == '/').count(),
                a.chars().filter(c -> c == '/').count()));
        for (String rel : deepestFirst) {
            Path p = inUpper(upper, rel);
            if (p == null) {
                continue;
            }
            Stat st;
            try {
                st = Posix.lstat(p);
            } catch (IOException e) {
                continue; // not there (the step may have removed it)
            }
            boolean empty = st.type() == Stat.S_IFDIR ? isEmptyDir(p)
                    : st.type() == Stat.S_IFREG && st.size() == 0;
            if (empty) {
                Files.delete(p);
            }
        }
    }

    /** The path in {@code upper}, or null when a parent there is not a real directory (never follow a link). */
    private static Path inUpper(Path upper, String rel) {
        Path p = upper;
        String[] parts = rel.split("/");
        for (int i = 0; i < parts.length; i++) {
            p = p.resolve(parts[i]);
            if (i < parts.length - 1 && !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
        }
        return p;
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        try (var s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
