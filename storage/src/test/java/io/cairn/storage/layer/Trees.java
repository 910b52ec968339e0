package io.cairn.storage.layer;

import io.cairn.storage.posix.Posix;
import io.cairn.storage.posix.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Test views of a directory tree. */
public final class Trees {
    private Trees() {
    }

    /** relative path → mtime "seconds.nanos" of every entry, the root included as ".". */
    public static Map<String, String> mtimes(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Stat st = Posix.lstat(p);
                String rel = root.relativize(p).toString();
                out.put(rel.isEmpty() ? "." : rel, st.mtimeSeconds() + "." + st.mtimeNanos());
            }
        }
        return out;
    }

    /** Everything {@link TreeManifest} sees plus mtimes: equal snapshots mean nothing changed. */
    public static String snapshot(Path root) throws IOException {
        return new String(TreeManifest.of(root).bytes(), java.nio.charset.StandardCharsets.UTF_8) + mtimes(root);
    }
}
