package io.cairn.engine.runtime.spec;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.fs.RootfsPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves {@code USER[:GROUP]} (names or numbers) against the files of a container's root
 * filesystem, never the host's, with runc's and Docker's rules:
 * <ul>
 *   <li>empty → root (uid 0), with root's entry if the image has one;</li>
 *   <li>a name or number found in /etc/passwd → its uid, primary gid and home; a number not found
 *       → that uid, gid 0, home {@code /}; a name not found → an error naming the user and the file;</li>
 *   <li>{@code :GROUP} → that group's gid by name or number (a name must exist in /etc/group), and
 *       no supplementary groups; without it the supplementary groups are those of /etc/group that
 *       list the user by name.</li>
 * </ul>
 * Missing files count as empty. Malformed lines are skipped, as runc's parser does.
 */
public final class UserResolver {

    private static final long MAX_ID = Integer.MAX_VALUE;

    private record PasswdEntry(String name, long uid, long gid, String home) {
    }

    private record GroupEntry(String name, long gid, List<String> members) {
    }

    private final Path rootfs;

    public UserResolver(Path rootfs) {
        this.rootfs = rootfs;
    }

    /**
     * Resolves {@code spec} ({@code null} or empty = root).
     *
     * @throws InvalidArgumentException for an unknown user or group name or an out-of-range number,
     *                                  naming it and the container file that was searched
     */
    public ResolvedUser resolve(String spec) {
        String s = spec == null ? "" : spec.trim();
        int colon = s.indexOf(':');
        String userArg = colon < 0 ? s : s.substring(0, colon);
        String groupArg = colon < 0 ? "" : s.substring(colon + 1);
        if (userArg.isEmpty()) {
            userArg = "0";
        }

        List<PasswdEntry> passwd = passwd();
        String wanted = userArg;
        Optional<PasswdEntry> match = passwd.stream()
                .filter(e -> e.name.equals(wanted) || Long.toString(e.uid).equals(wanted))
                .findFirst();
        long uid;
        long gid = 0;
        String home = "/";
        if (match.isPresent()) {
            uid = match.get().uid;
            gid = match.get().gid;
            home = match.get().home.isEmpty() ? "/" : match.get().home;
        } else {
            uid = parseId(userArg).orElseThrow(() -> new InvalidArgumentException("unable to find user " + wanted
                    + ": no matching entries in /etc/passwd of the container (" + passwdFile() + ")"));
        }

        List<Long> supplementary = new ArrayList<>();
        if (!groupArg.isEmpty()) {
            String g = groupArg;
            Optional<GroupEntry> group = groups().stream()
                    .filter(e -> e.name.equals(g) || Long.toString(e.gid).equals(g))
                    .findFirst();
            if (group.isPresent()) {
                gid = group.get().gid;
            } else {
                gid = parseId(g).orElseThrow(() -> new InvalidArgumentException("unable to find group " + g
                        + ": no matching entries in /etc/group of the container (" + groupFile() + ")"));
            }
        } else if (match.isPresent()) {
            Set<Long> gids = new LinkedHashSet<>();
            for (GroupEntry e : groups()) {
                if (e.members.contains(match.get().name)) {
                    gids.add(e.gid);
                }
            }
            supplementary.addAll(gids);
        }
        return new ResolvedUser(uid, gid, supplementary, home);
    }

    /**
     * A supplementary group of {@code --group-add}: a name in the container's /etc/group, or a number.
     *
     * @throws InvalidArgumentException when it is neither
     */
    public long groupId(String group) {
        return groups().stream().filter(e -> e.name.equals(group)).map(e -> e.gid).findFirst()
                .orElseGet(() -> parseId(group).orElseThrow(() -> new InvalidArgumentException("unable to find group "
                        + group + ": no matching entries in /etc/group of the container (" + groupFile() + ")")));
    }

    private Optional<Long> parseId(String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        if (text.length() > 10 || Long.parseLong(text) > MAX_ID) {
            throw new InvalidArgumentException("user or group ID " + text + " is out of range 0-" + MAX_ID);
        }
        return Optional.of(Long.parseLong(text));
    }

    private Path passwdFile() {
        return file("/etc/passwd");
    }

    private Path groupFile() {
        return file("/etc/group");
    }

    private Path file(String containerPath) {
        try {
            return RootfsPath.resolve(rootfs, containerPath);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + containerPath + " in " + rootfs, e);
        }
    }

    private List<PasswdEntry> passwd() {
        List<PasswdEntry> out = new ArrayList<>();
        for (String[] f : fields(passwdFile())) {
            if (f.length < 7 || f[0].isEmpty()) {
                continue;
            }
            Optional<Long> uid = id(f[2]);
            Optional<Long> gid = id(f[3]);
            if (uid.isPresent() && gid.isPresent()) {
                out.add(new PasswdEntry(f[0], uid.get(), gid.get(), f[5]));
            }
        }
        return out;
    }

    private List<GroupEntry> groups() {
        List<GroupEntry> out = new ArrayList<>();
        for (String[] f : fields(groupFile())) {
            if (f.length < 3 || f[0].isEmpty()) {
                continue;
            }
            Optional<Long> gid = id(f[2]);
            List<String> members = new ArrayList<>();
            if (f.length > 3) {
                for (String m : f[3].split(",")) {
                    if (!m.isBlank()) {
                        members.add(m.trim());
                    }
                }
            }
            gid.ifPresent(g -> out.add(new GroupEntry(f[0], g, members)));
        }
        return out;
    }

    private static Optional<Long> id(String text) {
        String t = text.trim();
        if (t.isEmpty() || t.length() > 10 || !t.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        long v = Long.parseLong(t);
        return v > MAX_ID ? Optional.empty() : Optional.of(v);
    }

    private static List<String[]> fields(Path file) {
        if (!RootfsPath.isFile(file)) {
            return List.of();
        }
        try {
            List<String[]> out = new ArrayList<>();
            // Decoded leniently: a stray non-UTF-8 byte in a GECOS field must not hide the other entries.
            for (String line : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l.split(":", -1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
