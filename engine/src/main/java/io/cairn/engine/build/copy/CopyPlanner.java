package io.cairn.engine.build.copy;

import io.cairn.dockerfile.dockerignore.Glob;
import io.cairn.dockerfile.dockerignore.InvalidPatternException;
import io.cairn.dockerfile.dockerignore.Paths;
import io.cairn.storage.posix.Stat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Docker's COPY rules (BuildKit's), from sources to the entries of a layer: a directory source
 * copies its contents (not itself) into the destination; a file goes to {@code dest/name} when the
 * destination ends with {@code /} or is a directory by then, else to {@code dest} itself. Several
 * sources, or a wildcard's several matches, are copied in turn onto the destination as if each
 * were alone (so without a {@code /}, the last file wins), then the here-documents;
 * missing parents of the destination are created (0755, owned by {@code --chown}'s user if
 * given). Context files become root's unless {@code --chown}; files of another stage keep
 * their owners. Modes are kept unless {@code --chmod}.
 *
 * <p>{@code --exclude} leaves out the paths below a source that its patterns match (see
 * {@link Excludes}), and a wildcard's matches that they match (which then are not copied onto
 * the destination at all).
 * {@code --parents} copies each source's path below its root (see {@link ParentsSource}), with
 * the parent directories' own metadata; its destination is always a directory.
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
    private final Selection selection;
    private final Excludes excludes;
    private final TreeMap<String, CopyItem> items = new TreeMap<>();

    /**
     * @param tree      where sources are read
     * @param target    the image being built, to tell whether the destination is a directory there
     * @param ownership {@code --chown} / {@code --chmod}
     * @param now       mtime of created directories and inline files
     */
    public CopyPlanner(SourceTree tree, MergedTree target, Ownership ownership, long now) {
        this(tree, target, ownership, now, Selection.all());
    }

    /**
     * @param selection {@code --exclude} and {@code --parents}
     */
    public CopyPlanner(SourceTree tree, MergedTree target, Ownership ownership, long now, Selection selection) {
        this.tree = tree;
        this.target = target;
        this.ownership = ownership;
        this.now = now;
        this.selection = selection;
        this.excludes = selection.excludes();
    }

    /**
     * Plans the copy of {@code sources} to {@code dest} (absolute, as expanded; a trailing {@code /} means a directory).
     *
     * @throws CopyException naming the source that matches nothing
     */
    public List<CopyItem> plan(List<Source> sources, String dest, String keyword) throws IOException {
        String destRel = rel(dest);
        boolean slash = dest.endsWith("/") || selection.parents() || destRel.isEmpty();
        List<String[]> matched = new ArrayList<>();
        for (Source s : sources) {
            if (!(s instanceof Source.Path sp)) {
                continue;
            }
            String path = sp.path();
            if (selection.parents()) {
                directoryAt(destRel);
                withParents(path, destRel, keyword);
                continue;
            }
            List<String> matches = tree.resolve(path);
            if (matches.isEmpty()) {
                throw new CopyException(keyword + " failed: source \"" + path + "\" not found in the " + tree.display()
                        + (path.contains("*") || path.contains("?") || path.contains("[") ? " (the pattern matches nothing)" : ""));
            }
            for (String m : matches) {
                matched.add(new String[] {path, m});
            }
        }
        // BuildKit copies each match in turn onto dest, as if it were the only one: a file goes
        // inside dest when dest ends with / or is a directory by then (in the image or made by an
        // earlier match), else becomes dest, so the last file wins; here-documents come last
        for (String[] pm : matched) {
            String m = pm[1];
            SourceTree.Node node = tree.node(m).orElseThrow(() -> new CopyException(keyword + " failed: source \""
                    + pm[0] + "\" not found in the " + tree.display()));
            String base = wildcardBase(pm[0]);
            if (base != null && excluded(m, relative(m, base), node.stat().isDirectory())) {
                continue; // a wildcard's match that --exclude names
            }
            if (node.stat().isDirectory()) {
                if (!destRel.isEmpty()) {
                    parents(destRel);
                    directory(destRel, node);
                }
                contents(m, destRel, m);
            } else {
                String name = m.contains("/") ? m.substring(m.lastIndexOf('/') + 1) : m;
                String to = slash || isDirectory(destRel) ? join(destRel, name) : destRel;
                parents(to);
                leaf(to, node);
            }
        }
        for (Source s : sources) {
            if (s instanceof Source.Inline in) {
                String to = slash || isDirectory(destRel) ? join(destRel, in.name()) : destRel;
                parents(to);
                byte[] bytes = in.content().getBytes(StandardCharsets.UTF_8);
                put(new CopyItem(to, CopyItem.Kind.FILE, Optional.empty(), Optional.of(bytes), "",
                        mode(0644, false), owner(0, true), owner(0, false), now));
            }
        }
        return new ArrayList<>(items.values());
    }

    /** Whether {@code rel} is a directory now: as planned by this copy, else as the image has it. */
    private boolean isDirectory(String rel) throws IOException {
        CopyItem planned = items.get(rel);
        if (planned != null) {
            return planned.kind() == CopyItem.Kind.DIRECTORY;
        }
        Optional<MergedTree.Entry> existing = target.lookup(rel);
        return existing.isPresent() && existing.get().stat().isDirectory();
    }

    /** Copies what is below {@code from} to {@code to}; {@code base} is where --exclude patterns are relative to. */
    private void contents(String from, String to, String base) throws IOException {
        for (String name : tree.children(from)) {
            String src = join(from, name);
            String dst = join(to, name);
            Optional<SourceTree.Node> node = tree.node(src);
            if (node.isEmpty()) {
                continue;
            }
            boolean dir = node.get().stat().isDirectory();
            if (excluded(src, relative(src, base), dir)) {
                continue;
            }
            if (dir) {
                directory(dst, node.get());
                contents(src, dst, base);
            } else {
                leaf(dst, node.get());
            }
        }
    }

    /**
     * {@code COPY --parents}: walks the source's root for the paths its pattern takes, and copies
     * each with the directories between the root and it. --exclude is relative to the root.
     */
    private void withParents(String path, String destRel, String keyword) throws IOException {
        ParentsSource source;
        try {
            source = ParentsSource.parse(path);
        } catch (InvalidPatternException e) {
            throw new CopyException(keyword + " --parents " + path + ": " + e.getMessage());
        }
        List<String> roots = tree.resolve(source.root());
        if (roots.isEmpty() && !Glob.hasMeta(source.root())) {
            throw new CopyException(keyword + " failed: source \"" + path + "\" not found in the " + tree.display());
        }
        for (String root : roots) {
            SourceTree.Node node = tree.node(root).orElseThrow(() -> new CopyException(keyword + " failed: source \""
                    + path + "\" not found in the " + tree.display()));
            if (!node.stat().isDirectory()) {
                throw new CopyException(keyword + " --parents " + path + ": \"" + (root.isEmpty() ? "/" : root)
                        + "\", where the copy starts, is not a directory in the " + tree.display());
            }
            if (source.required() && tree.node(join(root, source.pattern())).isEmpty()) {
                throw new CopyException(keyword + " failed: source \"" + path + "\" not found in the " + tree.display());
            }
            select(root, "", source, destRel);
        }
    }

    private void select(String root, String dirRel, ParentsSource source, String destRel) throws IOException {
        for (String name : tree.children(join(root, dirRel))) {
            String rel = join(dirRel, name);
            String src = join(root, rel);
            Optional<SourceTree.Node> node = tree.node(src);
            if (node.isEmpty()) {
                continue;
            }
            boolean dir = node.get().stat().isDirectory();
            if (excluded(src, rel, dir)) {
                continue;
            }
            if (source.matches(rel)) {
                String dst = join(destRel, rel);
                sourceParents(root, rel, destRel);
                if (dir) {
                    directory(dst, node.get());
                    contents(src, dst, root);
                } else {
                    leaf(dst, node.get());
                }
            } else if (dir && source.mayMatchBelow(rel)) {
                select(root, rel, source, destRel);
            }
        }
    }

    /** The directories between a --parents root and {@code rel}, with the source's metadata, as BuildKit copies them. */
    private void sourceParents(String root, String rel, String destRel) throws IOException {
        int slash = -1;
        while ((slash = rel.indexOf('/', slash + 1)) >= 0) {
            String dir = rel.substring(0, slash);
            String dst = join(destRel, dir);
            if (!items.containsKey(dst)) {
                String src = join(root, dir);
                SourceTree.Node node = tree.node(src).orElseThrow(() -> new CopyException("cannot read " + src
                        + " in the " + tree.display()));
                directory(dst, node);
            }
        }
    }

    /**
     * Whether --exclude leaves out {@code src} ({@code rel} relative to the pattern base). A
     * matched directory is still taken when a {@code !} pattern re-includes something below it,
     * whose siblings are then filtered one by one.
     */
    private boolean excluded(String src, String rel, boolean dir) throws IOException {
        if (!excludes.matches(rel)) {
            return false;
        }
        return !dir || !excludes.reincludes() || !includedBelow(src, rel);
    }

    private boolean includedBelow(String src, String rel) throws IOException {
        for (String name : tree.children(src)) {
            String childSrc = join(src, name);
            String childRel = join(rel, name);
            if (!excludes.matches(childRel)) {
                return true;
            }
            Optional<SourceTree.Node> node = tree.node(childSrc);
            if (node.isPresent() && node.get().stat().isDirectory() && includedBelow(childSrc, childRel)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The directory a wildcard source expands in (its segments before the first wildcard), which
     * --exclude patterns are relative to for its matches; {@code null} for a literal source,
     * which --exclude never removes itself.
     */
    private static String wildcardBase(String source) {
        String rel = Paths.inContext(source);
        if (!Glob.hasMeta(rel)) {
            return null;
        }
        String[] segments = rel.split("/");
        StringBuilder base = new StringBuilder();
        for (String seg : segments) {
            if (Glob.hasMeta(seg)) {
                break;
            }
            base.append(base.length() == 0 ? "" : "/").append(seg);
        }
        return base.toString();
    }

    private static String relative(String path, String base) {
        return base.isEmpty() ? path : path.equals(base) ? "" : path.substring(base.length() + 1);
    }

    private void directory(String dst, SourceTree.Node node) {
        Stat st = node.stat();
        put(new CopyItem(dst, CopyItem.Kind.DIRECTORY, Optional.empty(), Optional.empty(), "",
                mode(st.permissions(), true), owner(st.uid(), true), owner(st.gid(), false), st.mtimeSeconds()));
    }

    private void leaf(String dst, SourceTree.Node node) throws IOException {
        Stat st = node.stat();
        if (st.isSymlink()) {
            put(new CopyItem(dst, CopyItem.Kind.SYMLINK, Optional.empty(), Optional.empty(),
                    Files.readSymbolicLink(node.file()).toString(), 0777, owner(st.uid(), true), owner(st.gid(), false),
                    st.mtimeSeconds()));
        } else if (st.isRegularFile()) {
            put(new CopyItem(dst, CopyItem.Kind.FILE, Optional.of(node.file()), Optional.empty(), "",
                    mode(st.permissions(), false), owner(st.uid(), true), owner(st.gid(), false), st.mtimeSeconds()));
        } else {
            throw new CopyException("cannot copy " + node.rel() + " from the " + tree.display()
                    + ": only files, directories and symbolic links can be copied");
        }
    }

    /** Missing parents of {@code rel}: the image's own metadata when it has them, else 0755. */
    private void parents(String rel) throws IOException {
        int slash = rel.lastIndexOf('/');
        if (slash >= 0) {
            directoryAt(rel.substring(0, slash));
        }
    }

    /** Directory {@code dir} and its parents, unless planned already: as the image has them, else created. */
    private void directoryAt(String dir) throws IOException {
        if (dir.isEmpty() || items.containsKey(dir)) {
            return;
        }
        parents(dir);
        Optional<MergedTree.Entry> existing = target.lookup(dir);
        if (existing.isPresent() && existing.get().stat().isDirectory()) {
            Stat st = existing.get().stat();
            put(new CopyItem(dir, CopyItem.Kind.DIRECTORY, Optional.empty(), Optional.empty(), "",
                    st.permissions(), st.uid(), st.gid(), st.mtimeSeconds()));
        } else {
            int[] o = ownership.owner().orElse(new int[] {0, 0});
            put(new CopyItem(dir, CopyItem.Kind.DIRECTORY, Optional.empty(), Optional.empty(), "",
                    0755, o[0], o[1], now));
        }
    }

    /**
     * Plans {@code item}, replacing what was planned at its path. A non-directory replaces a whole
     * subtree, as it does on disk: what was planned below it goes, or staging would write through
     * it (a context symlink replacing a directory would otherwise carry the files planned under the
     * directory to wherever it points).
     */
    private void put(CopyItem item) {
        if (item.kind() != CopyItem.Kind.DIRECTORY) {
            // '0' follows '/' in code point order: the sub-map holds exactly the paths below dest
            items.subMap(item.dest() + "/", item.dest() + "0").clear();
        }
        items.put(item.dest(), item);
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
        return dir.isEmpty() ? name : name.isEmpty() ? dir : dir + "/" + name;
    }
}
