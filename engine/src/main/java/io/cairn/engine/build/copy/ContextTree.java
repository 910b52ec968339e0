package io.cairn.engine.build.copy;

import io.cairn.dockerfile.check.BuildContext;
import io.cairn.dockerfile.dockerignore.InvalidPatternException;
import io.cairn.dockerfile.dockerignore.PatternMatcher;
import io.cairn.storage.posix.InRoot;
import io.cairn.storage.posix.Posix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The build context directory as COPY sees it: what {@code .dockerignore} excludes is invisible,
 * except the directories that lead to a re-included ({@code !pattern}) file. Every path is resolved
 * inside the context ({@link InRoot}): a context symlink means what it means there, so
 * {@code hostroot -> /} names the context's root and {@code ../..} stops at it, never reaching a
 * host file. The nodes' files are the located host paths, read without following a last link.
 */
public final class ContextTree implements SourceTree {

    private final Path root;
    private final PatternMatcher ignore;
    private final InRoot inRoot;
    private final BuildContext context;

    public ContextTree(Path root, PatternMatcher ignore) throws IOException {
        this.inRoot = InRoot.of(root);
        this.root = inRoot.root();
        this.ignore = ignore;
        this.context = BuildContext.of(this.root, "build context", ignore, inRoot::locate);
    }

    public Path root() {
        return root;
    }

    @Override
    public List<String> resolve(String source) throws IOException {
        try {
            List<String> matches = context.resolve(source).matches();
            return matches.stream().map(m -> m.equals(".") ? "" : m).toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (InvalidPatternException e) {
            throw new IOException("invalid source pattern \"" + source + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Node> node(String rel) throws IOException {
        if (!rel.isEmpty() && ignore.matches(rel) && !reincludedBelow(rel)) {
            return Optional.empty();
        }
        Optional<Path> located = inRoot.locate(rel);
        if (located.isEmpty()) {
            return Optional.empty();
        }
        Path p = located.get();
        try {
            return Optional.of(new Node(rel, p, Posix.lstat(p)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (FileSystemException e) {
            if ("Not a directory".equals(e.getReason())) {
                return Optional.empty(); // a path through a file (ENOTDIR): absent, as in the image tree
            }
            throw e;
        }
    }

    @Override
    public List<String> children(String rel) throws IOException {
        Optional<Path> located = inRoot.locate(rel);
        if (located.isEmpty() || !Files.isDirectory(located.get(), LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(located.get())) {
            for (Path child : ds) {
                String name = child.getFileName().toString();
                String childRel = rel.isEmpty() ? name : rel + "/" + name;
                if (ignore.isEmpty() || !ignore.matches(childRel) || reincludedBelow(childRel)) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    private boolean reincludedBelow(String rel) throws IOException {
        if (!ignore.hasExclusions()) {
            return false;
        }
        Optional<Path> located = inRoot.locate(rel);
        if (located.isEmpty() || !Files.isDirectory(located.get(), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Path dir = located.get();
        try (var s = Files.walk(dir)) {
            return s.skip(1).anyMatch(p -> !ignore.matches(rel + "/" + dir.relativize(p)));
        }
    }

    @Override
    public boolean keepsOwners() {
        return false;
    }

    @Override
    public String display() {
        return "build context";
    }
}
