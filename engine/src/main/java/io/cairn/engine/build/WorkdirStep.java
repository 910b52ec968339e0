package io.cairn.engine.build;

import io.cairn.engine.layout.RootLayout;
import io.cairn.engine.build.copy.CopyItem;
import io.cairn.engine.build.copy.CopyStager;
import io.cairn.engine.build.copy.MergedTree;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.image.ImageCommitter;
import io.cairn.engine.image.ImageRecord;
import io.cairn.engine.image.ImageService;
import io.cairn.storage.posix.Stat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WORKDIR as BuildKit runs it: besides setting the config, it makes the directory and its missing
 * parents (mode 0755, owned by the stage's USER) in a layer of their own, so that the image has
 * the directory even if no later step writes there. Links on the way are followed inside the
 * image, as {@code mkdir -p} in the container would; an existing directory adds nothing.
 *
 * <p>Not {@link io.cairn.engine.fs.RootfsPath}, the in-root resolver: that one asks the kernel
 * ({@code openat2} with {@code RESOLVE_IN_ROOT}) inside a real directory, while here the image is a
 * {@link MergedTree} of unpacked layers that no directory shows merged (mounting it would cost an
 * overlay mount per WORKDIR), and the walk must also yield the first missing component and the
 * metadata of each existing parent, which a resolved path does not carry.
 */
final class WorkdirStep {

    private static final int MAX_LINKS = 40;

    private WorkdirStep() {
    }

    /**
     * The entries of the layer: the existing parents of the first missing directory as the image
     * has them (so the layer does not change them), then the new directories. Empty when
     * {@code workdir} already exists.
     *
     * @throws BuildFailedException when a component of the path is not a directory
     */
    static List<CopyItem> plan(MergedTree image, String workdir, int uid, int gid, long now) throws IOException {
        Deque<String> todo = new ArrayDeque<>();
        push(todo, workdir);
        List<String> done = new ArrayList<>();
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!done.isEmpty()) {
                    done.remove(done.size() - 1);
                }
                continue;
            }
            String rel = join(done, part);
            Optional<MergedTree.Entry> e = image.lookup(rel);
            if (e.isEmpty()) {
                return create(image, done, part, todo, uid, gid, now);
            }
            Stat st = e.get().stat();
            if (st.type() == Stat.S_IFLNK) {
                if (++links > MAX_LINKS) {
                    throw new BuildFailedException("WORKDIR " + workdir + ": too many symbolic links");
                }
                String target = Files.readSymbolicLink(e.get().file()).toString();
                if (target.startsWith("/")) {
                    done.clear();
                }
                push(todo, target);
            } else if (st.isDirectory()) {
                done.add(part);
            } else {
                throw new BuildFailedException("WORKDIR " + workdir + ": /" + rel + " is not a directory");
            }
        }
        return List.of();
    }

    /** WORKDIR's layer step, or null when the directory exists (the step only changes the config). */
    static StageBuilder.Prepared prepare(StageState st, ImageService images, ImageCommitter committer, RootLayout root,
                                         StageBuilder.Build build) throws IOException {
        Map<String, Object> c = ConfigEditor.config(st.config);
        String wd = String.valueOf(c.get("WorkingDir"));
        String user = String.valueOf(c.getOrDefault("User", ""));
        MergedTree tree = CopyStep.tree(images, st.image);
        int[] owner = user.isEmpty() ? new int[] {0, 0}
                : ImageUsers.resolve(user, tree, root.tmp(), false, "WORKDIR as USER " + user);
        long now = build.epoch().orElse(System.currentTimeMillis() / 1000);
        List<CopyItem> items = WorkdirStep.plan(tree, wd, owner[0], owner[1], now);
        if (items.isEmpty()) {
            return null;
        }
        String createdBy = "WORKDIR " + wd;
        Optional<ImageRecord> parent = st.image;
        return new StageBuilder.Prepared(createdBy, createdBy + " owner=" + owner[0] + ":" + owner[1], Map.of(),
                CopyStager.digest(items), (config, extra) -> {
                    Path staging = Files.createTempDirectory(root.tmp(), "workdir-");
                    try {
                        CopyStager.stage(items, staging);
                        return committer.build(parent, Optional.of(ImageCommitter.Upper.owned(staging)), config,
                                build.epoch(), List.of(), extra, build.uid());
                    } finally {
                        Trees.delete(staging);
                    }
                });
    }

    private static List<CopyItem> create(MergedTree image, List<String> parents, String first, Deque<String> rest,
                                         int uid, int gid, long now) throws IOException {
        List<CopyItem> items = new ArrayList<>();
        for (int i = 1; i <= parents.size(); i++) {
            String rel = String.join("/", parents.subList(0, i));
            Stat st = image.lookup(rel).orElseThrow().stat();
            items.add(dir(rel, st.mode() & 07777, st.uid(), st.gid(), st.mtimeSeconds()));
        }
        List<String> made = new ArrayList<>(parents);
        made.add(first);
        items.add(dir(String.join("/", made), 0755, uid, gid, now));
        while (!rest.isEmpty()) {
            String part = rest.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                made.remove(made.size() - 1); // inside what this step made: nothing to add
                continue;
            }
            made.add(part);
            items.add(dir(String.join("/", made), 0755, uid, gid, now));
        }
        return items;
    }

    private static CopyItem dir(String rel, int mode, int uid, int gid, long mtime) {
        return new CopyItem(rel, CopyItem.Kind.DIRECTORY, Optional.empty(), Optional.empty(), "", mode, uid, gid, mtime);
    }

    private static String join(List<String> done, String part) {
        return done.isEmpty() ? part : String.join("/", done) + "/" + part;
    }

    private static void push(Deque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }
}
