package io.cairn.engine.build.copy;

import io.cairn.dockerfile.dockerignore.Glob;
import io.cairn.dockerfile.dockerignore.Paths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Another stage's or an image's filesystem, for {@code COPY --from}; owners are kept. */
public final class ImageTree implements SourceTree {

    private final MergedTree tree;
    private final String display;

    public ImageTree(MergedTree tree, String display) {
        this.tree = tree;
        this.display = display;
    }

    @Override
    public List<String> resolve(String source) throws IOException {
        String rel = Paths.inContext(source);
        if (rel.equals(".")) {
            return List.of("");
        }
        if (!Glob.hasMeta(rel)) {
            return tree.lookup(rel).isPresent() ? List.of(rel) : List.of();
        }
        List<String> out = new ArrayList<>();
        walk("", rel.split("/"), 0, out);
        return out;
    }

    private void walk(String dir, String[] segments, int i, List<String> out) throws IOException {
        boolean last = i == segments.length - 1;
        Glob glob = Glob.path(segments[i]);
        for (String name : tree.list(dir)) {
            if (!glob.matches(name)) {
                continue;
            }
            String rel = dir.isEmpty() ? name : dir + "/" + name;
            if (last) {
                out.add(rel);
            } else {
                walk(rel, segments, i + 1, out);
            }
        }
    }

    @Override
    public Optional<Node> node(String rel) throws IOException {
        return tree.lookup(rel).map(e -> new Node(rel, e.file(), e.stat()));
    }

    @Override
    public List<String> children(String rel) throws IOException {
        return tree.list(rel);
    }

    @Override
    public boolean keepsOwners() {
        return true;
    }

    @Override
    public String display() {
        return display;
    }
}
