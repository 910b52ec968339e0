package io.cairn.engine.build.copy;

import io.cairn.engine.build.dockerfile.dockerignore.Paths;
import io.cairn.storage.posix.Stat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Docker's COPY rules, from sources to the entries of a layer: a directory source copies its
 * contents (not itself) into the destination; a file goes to {@code dest/name} when the
 * destination ends with {@code /} or is a directory in the image, else to {@code dest} itself;
 * missing parents of the destination are created (0755, owned by {@code --chown}'s user if
 * given). Context files become root's unless {@code --chown}; files of another stage keep
 * their owners. Modes are kept unless {@code --chmod}.
 */
public final class CopyPlanner {

    /** One source after expansion: a path (maybe a wildcard) of the source tree, or inline content. */
    public sealed interface Source {
        /** A path or wildcard in the source tree. */
        record Path(String path) implements Source {
        }

        /** A here-document: a file named {@code name} with {@code content}. */
        record Inline(String name, String content) implements Source {
        }
    }

    private final SourceTree tree;
    private final MergedTree target;
    private final Ownership ownership;
    private final long now;
    private final TreeMap<String, CopyItem> items = new TreeMap<>();

    /**
     * @param tree      where sources are read
     * @param target    the image being built, to tell whether the destination is a directory there
     * @param ownership {@code --chown} / {@code --chmod}
     * @param now       mtime of created directories and inline files
     */
    public CopyPlanner(SourceTree tree, MergedTree target, Ownership ownership, long now) {
        this.tree = tree;
        this.target = target;
        this.ownership = ownership;
        this.now = now;
    }

    /**
     * Plans the copy of {@code sources} to {@code dest} (absolute, as expanded; a trailing {@code /} means a directory).
     *
     * @throws CopyException naming the source that matches nothing
     */
    public List<CopyItem> plan(List<Source> sources, String dest, String keyword) throws IOException {
        boolean destIsDir = dest.endsWith("/") || sources.size() > 1;
        String destRel = rel(dest);
        if (!destIsDir && !destRel.isEmpty()) {
            Optional<MergedTree.Entry> existing = target.lookup(destRel);
            destIsDir = existing.isPresent() && existing.get().stat().isDirectory();
        }
        if (destRel.isEmpty()) {
            destIsDir = true;
        }
        List<String[]> matched = new ArrayList<>();
        for (Source s : sources) {
            if (s instanceof Source.Inline in) {
                String to = destIsDir ? join(destRel, in.name()) : destRel;
                parents(to);
                byte[] bytes = in.content().getBytes(StandardCharsets.UTF_8);
                items.put(to, new CopyItem(to, CopyItem.Kind.FILE, Optional.empty(), Optional.of(bytes), "",
                        mode(0644, false), owner(0, true), owner(0, false), now));
                continue;
            }
            String path = ((Source.Path) s).path();
            List<String> matches = tree.resolve(path);
            if (matches.isEmpty()) {
                throw new CopyException(keyword + " failed: source \"" + path + "\" not found in the " + tree.display()
                        + (path.contains("*") || path.contains("?") || path.contains("[") ? " (the pattern matches nothing)" : ""));
            }
            for (String m : matches) {
                matched.add(new String[] {path, m});
            }
        }
        boolean many = matched.size() > 1 || destIsDir;
        for (String[] pm : matched) {
            String m = pm[1];
            SourceTree.Node node = tree.node(m).orElseThrow(() -> new CopyException(keyword + " failed: source \""
                    + pm[0] + "\" not found in the " + tree.display()));
            if (node.stat().isDirectory()) {
                if (!destRel.isEmpty()) {
                    parents(destRel);
                    directory(destRel, node);
                }
                contents(m, destRel);
            } else {
                String name = m.contains("/") ? m.substring(m.lastIndexOf('/') + 1) : m;
                String to = many ? join(destRel, name) : destRel;
                parents(to);
                leaf(to, node);
            }
        }
        return new ArrayList<>(items.values());
    }

    private void contents(String from, String to) throws IOException {
        for (String name : tree.children(from)) {
            String src = from.isEmpty() ? name : from + "/" + name;
            String dst = join(to, name);
            Optional<SourceTree.Node> node = tree.node(src);
            if (node.isEmpty()) {
                continue;
            }
            if (node.get().stat().isDirectory()) {
                directory(dst, node.get());
                contents(src, dst);
            } else {
                leaf(dst, node.get());
            }
        }
    }

    private void directory(String dst, SourceTree.Node node) {
        Stat st = node.stat();
        items.put(dst, new CopyItem(dst, CopyItem.Kind.DIRECTORY, Optional.empty(), Optional.empty(), "",
                mode(st.permissions(), true), owner(st.uid(), true), owner(st.gid(), false), st.mtimeSeconds()));
    }

    private void leaf(String dst, SourceTree.Node node) throws IOException {
        Stat st = node.stat();
        if (st.isSymlink()) {
            items.put(dst, new CopyItem(dst, CopyItem.Kind.SYMLINK, Optional.empty(), Optional.empty(),
                    Files.readSymbolicLink(node.file()).toString(), 0777, owner(st.uid(), true), owner(st.gid(), false),
                    st.mtimeSeconds()));
        } else if (st.isRegularFile()) {
            items.put(dst, new CopyItem(dst, CopyItem.Kind.FILE, Optional.of(node.file()), Optional.empty(), "",
                    mode(st.permissions(), false), owner(st.uid(), true), owner(st.gid(), false), st.mtimeSeconds()));
        } else {
            throw new CopyException("cannot copy " + node.rel() + " from the " + tree.display()
                    + ": only files, directories and symbolic links can be copied");
        }
    }

    /** Missing parents of {@code rel}: the image's own metadata when it has them, else 0755. */
    private void parents(String rel) throws IOException {
        int slash = rel.lastIndexOf('/');
        if (slash < 0) {
            return;
        }
        String parent = rel.substring(0, slash);
        if (items.containsKey(parent)) {
            return;
        }
        parents(parent);
        Optional<MergedTree.Entry> existing = target.lookup(parent);
        if (existing.isPresent() && existing.get().stat().isDirectory()) {
            Stat st = existing.get().stat();
            items.put(parent, new CopyItem(parent, CopyItem.Kind.DIRECTORY, Optional.empty(), Optional.empty(), "",
                    st.permissions(), st.uid(), st.gid(), st.mtimeSeconds()));
        } else {
            int[] o = ownership.owner().orElse(new int[] {0, 0});
            items.put(parent, new CopyItem(parent, CopyItem.Kind.DIRECTORY, Optional.empty(), Optional.empty(), "",
                    0755, o[0], o[1], now));
        }
    }

    private int mode(int mode, boolean directory) {
        return ownership.chmod().map(c -> c.apply(mode, directory)).orElse(mode);
    }

    private int owner(int sourceId, boolean uid) {
        if (ownership.owner().isPresent()) {
            return ownership.owner().get()[uid ? 0 : 1];
        }
        return tree.keepsOwners() ? sourceId : 0;
    }

    private static String rel(String dest) {
        String c = Paths.clean("/" + dest);
        return c.equals("/") ? "" : c.substring(1);
    }

    private static String join(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }
}
