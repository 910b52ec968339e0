package io.cairn.it.image;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a directory tree holds, without following symlinks: for every path its type, permissions,
 * size, mtime, link count and content digest (or link target). Two equal snapshots mean nothing in
 * the tree was added, removed, written, relinked or touched.
 */
record TreeSnapshot(Map<String, String> entries) {

    /** Snapshots {@code top}, leaving out the subtrees named in {@code skip} (relative to top). */
    static TreeSnapshot of(Path top, Set<String> skip) throws IOException {
        return of(top, skip, true);
    }

    /**
     * Snapshots {@code top}; without {@code directoryTimes} a directory is recorded by its existence
     * and permissions only (for trees whose directories legitimately get entries added and removed).
     */
    static TreeSnapshot of(Path top, Set<String> skip, boolean directoryTimes) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        Files.walkFileTree(top, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String rel = top.relativize(dir).toString();
                if (skip.contains(rel)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                String d = describe(dir, "");
                entries.put(rel + "/", directoryTimes ? d : d.substring(0, d.indexOf(" size=")));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = top.relativize(file).toString();
                if (skip.contains(rel)) {
                    return FileVisitResult.CONTINUE;
                }
                String content = attrs.isSymbolicLink() ? "-> " + Files.readSymbolicLink(file)
                        : attrs.isRegularFile() ? Fixtures.sha256(file) : "";
                entries.put(rel, describe(file, content));
                return FileVisitResult.CONTINUE;
            }
        });
        return new TreeSnapshot(entries);
    }

    /** The paths added, removed or changed from {@code before} to this snapshot, one per line. */
    String changesSince(TreeSnapshot before) {
        StringBuilder out = new StringBuilder();
        Set<String> all = new java.util.TreeSet<>(before.entries.keySet());
        all.addAll(entries.keySet());
        for (String path : all) {
            String was = before.entries.get(path);
            String is = entries.get(path);
            if (was == null) {
                out.append("added   ").append(path).append(": ").append(is).append('\n');
            } else if (is == null) {
                out.append("removed ").append(path).append(": ").append(was).append('\n');
            } else if (!was.equals(is)) {
                out.append("changed ").append(path).append(": ").append(was).append(" -> ").append(is).append('\n');
            }
        }
        return out.toString();
    }

    private static String describe(Path p, String content) throws IOException {
        PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object nlink = Files.getAttribute(p, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
        return (a.isDirectory() ? "d" : a.isSymbolicLink() ? "l" : a.isRegularFile() ? "f" : "o") + " "
                + PosixFilePermissions.toString(a.permissions()) + " size=" + (a.isDirectory() ? "-" : a.size())
                + " mtime=" + a.lastModifiedTime().toMillis() + " nlink=" + nlink + " " + content;
    }
}
