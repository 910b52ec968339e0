package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;
import io.cairn.storage.posix.DeviceNumbers;
import io.cairn.storage.posix.Posix;
import io.cairn.storage.posix.Stat;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A canonical description of an unpacked tree, one line per entry in depth-first name order:
 * {@code <path> <type> <mode> <uid>:<gid> <payload> <xattrs>}, where payload is a regular file's
 * size and sha256, a symlink's target, a device's numbers, and xattrs are {@code name=hex}
 * pairs. Modification times are left out: they are not part of what a layer means, and
 * {@code image verify} is about content. The tree digest is the sha256 of these lines; keeping
 * the lines lets a failed verification name each entry that changed.
 */
public final class TreeManifest {
    private static final String HEADER = "cairn-tree v1";
    private static final HexFormat HEX = HexFormat.of();

    /** Escaped path → the rest of its line. Ordered as walked. */
    private final Map<String, String> entries;

    private TreeManifest(Map<String, String> entries) {
        this.entries = entries;
    }

    /** Walks {@code root} (never following symlinks) and describes every entry under it. */
    public static TreeManifest of(Path root) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        walk(root, ".", entries, new byte[64 * 1024]);
        return new TreeManifest(entries);
    }

    /** Parses the bytes written by {@link #bytes()}. */
    public static TreeManifest parse(byte[] bytes) throws IOException {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IOException("not a tree manifest (expected header '" + HEADER + "')");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int sp = lines[i].indexOf(' ');
            if (sp <= 0) {
                throw new IOException("tree manifest line " + (i + 1) + " is malformed");
            }
            entries.put(lines[i].substring(0, sp), lines[i].substring(sp + 1));
        }
        return new TreeManifest(entries);
    }

    public byte[] bytes() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        entries.forEach((path, rest) -> sb.append(path).append(' ').append(rest).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The tree digest: sha256 of {@link #bytes()}. */
    public Digest digest() {
        return Digest.sha256(bytes());
    }

    /** Number of entries, the root included. */
    public int size() {
        return entries.size();
    }

    /**
     * What differs from {@code expected} to this tree, one human-readable line per entry:
     * {@code "added: p"}, {@code "removed: p"}, {@code "changed: p (content, mode)"}; sorted by path.
     */
    public List<String> changesFrom(TreeManifest expected) {
        TreeSet<String> paths = new TreeSet<>(entries.keySet());
        paths.addAll(expected.entries.keySet());
        List<String> changes = new ArrayList<>();
        for (String p : paths) {
            String now = entries.get(p);
            String was = expected.entries.get(p);
            if (was == null) {
                changes.add("added: " + p);
            } else if (now == null) {
                changes.add("removed: " + p);
            } else if (!now.equals(was)) {
                changes.add("changed: " + p + " (" + fieldsChanged(was, now) + ")");
            }
        }
        return changes;
    }

    private static String fieldsChanged(String was, String now) {
        String[] names = {"type", "mode", "owner", "content", "xattrs"};
        String[] a = was.split(" ", -1);
        String[] b = now.split(" ", -1);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String x = i < a.length ? a[i] : "";
            String y = i < b.length ? b[i] : "";
            if (!x.equals(y)) {
                out.add(names[i]);
            }
        }
        return String.join(", ", out);
    }

    private static void walk(Path path, String rel, Map<String, String> entries, byte[] buf) throws IOException {
        Stat st = Posix.lstat(path);
        String type;
        String payload;
        switch (st.type()) {
            case Stat.S_IFDIR -> {
                type = "d";
                payload = "-";
            }
            case Stat.S_IFREG -> {
                type = "f";
                payload = st.size() + ":" + sha256(path, buf);
            }
            case Stat.S_IFLNK -> {
                type = "l";
                payload = escape(Files.readSymbolicLink(path).toString());
            }
            case Stat.S_IFCHR, Stat.S_IFBLK -> {
                type = st.type() == Stat.S_IFCHR ? "c" : "b";
                payload = DeviceNumbers.major(st.rdev()) + "," + DeviceNumbers.minor(st.rdev());
            }
            case Stat.S_IFIFO -> {
                type = "p";
                payload = "-";
            }
            default -> {
                type = "s";
                payload = "-";
            }
        }
        Map<String, byte[]> xattrs = new java.util.TreeMap<>();
        for (String name : Posix.listXattrs(path)) {
            xattrs.put(name, Posix.getXattr(path, name).orElse(new byte[0]));
        }
        entries.put(escape(rel), line(type, st, payload, xattrs));
        if (st.isDirectory()) {
            TreeSet<String> children = new TreeSet<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                for (Path child : ds) {
                    children.add(child.getFileName().toString());
                }
            }
            for (String child : children) {
                walk(path.resolve(child), rel.equals(".") ? child : rel + "/" + child, entries, buf);
            }
        }
    }

    /** An entry's line without its path: type, mode, owner, payload, xattrs (sorted by name). */
    static String line(String type, Stat st, String payload, Map<String, byte[]> sortedXattrs) {
        StringBuilder x = new StringBuilder();
        for (Map.Entry<String, byte[]> e : sortedXattrs.entrySet()) {
            x.append(x.length() == 0 ? "" : ",").append(escape(e.getKey())).append('=').append(HEX.formatHex(e.getValue()));
        }
        return type + " " + String.format("%04o", st.permissions()) + " " + st.uid() + ":" + st.gid() + " " + payload
                + " " + (x.length() == 0 ? "-" : x);
    }

    /** A regular file's payload: its size and the hex sha256 of its content. */
    static String filePayload(long size, byte[] sha256) {
        return size + ":" + HEX.formatHex(sha256);
    }

    /** A symlink's payload. */
    static String linkPayload(String target) {
        return escape(target);
    }

    /**
     * The manifest of a tree whose root has {@code rootLine} and whose other entries are
     * {@code lines} (unescaped relative path → line), in the depth-first name order {@link #of} walks.
     */
    static TreeManifest of(String rootLine, Map<String, String> lines) {
        List<String> paths = new ArrayList<>(lines.keySet());
        paths.sort(TreeManifest::depthFirst);
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(".", rootLine);
        for (String p : paths) {
            entries.put(escape(p), lines.get(p));
        }
        return new TreeManifest(entries);
    }

    /** Depth-first name order: component by component, a directory before what it holds. */
    private static int depthFirst(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** The line of {@code root} itself, a directory, as {@link #of(Path)} writes it. */
    static String rootLine(Path root) throws IOException {
        Stat st = Posix.lstat(root);
        Map<String, byte[]> xattrs = new java.util.TreeMap<>();
        for (String name : Posix.listXattrs(root)) {
            xattrs.put(name, Posix.getXattr(root, name).orElse(new byte[0]));
        }
        return line("d", st, "-", xattrs);
    }

    private static String sha256(Path file, byte[] buf) throws IOException {
        MessageDigest md = Digest.newSha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer bb = ByteBuffer.wrap(buf);
            int n;
            while ((n = ch.read(bb.clear())) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HEX.formatHex(md.digest());
    }

    /** Percent-encodes bytes outside printable ASCII, '%' and the separators ' ', ',' and '='. */
    private static String escape(String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c <= 0x20 || c >= 0x7f || c == '%' || c == ',' || c == '=') {
                sb.append('%').append(String.format("%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeManifest t && entries.equals(t.entries);
    }

    /** The manifest text, for messages and debugging. */
    @Override
    public String toString() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries);
    }
}
