package io.cairn.engine.runtime.overlay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This process's view of the mount table ({@code /proc/self/mountinfo}), for idempotent mounts and
 * for tests that check nothing leaked.
 */
public final class MountTable {
    private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

    /** One mount: where, of what type, from which source. */
    public record Entry(Path mountPoint, String fsType, String source) {
    }

    private MountTable() {
    }

    /** Every mount, in mount order (a later mount on the same point hides an earlier one). */
    public static List<Entry> read() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(MOUNTINFO, StandardCharsets.UTF_8)) {
            // id parent major:minor root mountpoint options [optional…] - fstype source superoptions
            String[] f = line.split(" ");
            int dash = line.indexOf(" - ");
            if (f.length < 5 || dash < 0) {
                throw new IOException("unexpected line in " + MOUNTINFO + ": " + line);
            }
            String[] tail = line.substring(dash + 3).split(" ");
            entries.add(new Entry(Path.of(unescape(f[4])), tail[0], tail.length > 1 ? unescape(tail[1]) : ""));
        }
        return entries;
    }

    /** Whether something is mounted exactly at {@code path} (absolute, normalized; not resolved). */
    public static boolean isMountPoint(Path path) throws IOException {
        Path p = path.toAbsolutePath().normalize();
        return read().stream().anyMatch(e -> e.mountPoint().equals(p));
    }

    /** The mount points at or under {@code dir}. */
    public static List<Path> under(Path dir) throws IOException {
        Path d = dir.toAbsolutePath().normalize();
        return read().stream().map(Entry::mountPoint).filter(m -> m.startsWith(d)).toList();
    }

    /** The kernel escapes space, tab, newline and backslash as three octal digits. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '7') {
                return false;
            }
        }
        return true;
    }
}
