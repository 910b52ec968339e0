package io.cairn.engine.build;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.build.copy.Archives;
import io.cairn.engine.build.copy.ContentHashes;
import io.cairn.engine.build.copy.ContextTree;
import io.cairn.engine.build.copy.CopyItem;
import io.cairn.engine.build.copy.CopyPlanner;
import io.cairn.engine.build.copy.CopyStager;
import io.cairn.engine.build.copy.Excludes;
import io.cairn.engine.build.copy.ImageTree;
import io.cairn.engine.build.copy.MergedTree;
import io.cairn.engine.build.copy.ModeChange;
import io.cairn.engine.build.copy.Ownership;
import io.cairn.engine.build.copy.Selection;
import io.cairn.engine.build.copy.SourceTree;
import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.instructions.Add;
import io.cairn.dockerfile.instructions.Copy;
import io.cairn.dockerfile.instructions.CopySource;
import io.cairn.dockerfile.instructions.CopySpec;
import io.cairn.dockerfile.instructions.Instruction;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.image.ImageCommitter;
import io.cairn.engine.image.ImageRecord;
import io.cairn.engine.image.ImageService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * COPY and ADD without a container: select the sources, plan the entries with Docker's rules,
 * digest them for the cache key, and, on a miss, write them to a staging directory that
 * {@link ImageCommitter} packs into a layer. {@code --exclude} leaves paths out of both the layer
 * and the key, {@code --parents} keeps the sources' parent directories. ADD additionally unpacks
 * local tar archives (plain, gzip, bzip2, xz, zstd) and refuses URLs (the builder has no network).
 */
final class CopyStep {

    private final ImageService images;
    private final StageBuilder.Build build;
    private final ImageCommitter committer;
    private final Path tmp;
    private final ContentHashes hashes;

    CopyStep(ImageService images, StageBuilder.Build build, ImageCommitter committer, Path tmp, ContentHashes hashes) {
        this.images = images;
        this.hashes = hashes;
        this.build = build;
        this.committer = committer;
        this.tmp = tmp;
    }

    StageBuilder.Prepared prepare(StageState st, Instruction in, Map<Integer, StageState> built) throws IOException {
        boolean add = in instanceof Add;
        CopySpec spec = add ? ((Add) in).spec() : ((Copy) in).spec();
        String keyword = in.keyword();
        Optional<Word> from = add ? Optional.empty() : ((Copy) in).from();
        Excludes excludes = Excludes.of(spec.excludes().stream().map(Word::text).toList());
        boolean parents = !add && ((Copy) in).parents();
        MergedTree target = tree(images, st.image);
        SourceTree source = from.isPresent() ? fromTree(from.get().text(), built) : context(keyword);
        Ownership ownership = new Ownership(spec.chown().map(w -> owner(w.text(), target)),
                spec.chmod().map(w -> ModeChange.parse(w.text())));
        List<CopyPlanner.Source> sources = new ArrayList<>();
        for (CopySource s : spec.sources()) {
            if (s instanceof CopySource.Inline inline) {
                sources.add(new CopyPlanner.Source.Inline(inline.heredoc().name(), inline.heredoc().content()));
            } else {
                CopySource.Path p = (CopySource.Path) s;
                if (p.isRemote()) {
                    throw new BuildFailedException("ADD " + p.path().text() + ": remote sources (URLs, git) are not"
                            + " supported: Cairn builds without network access; download the file into the context"
                            + " and COPY or ADD it from there");
                }
                sources.add(new CopyPlanner.Source.Path(p.path().text()));
            }
        }
        String dest = destination(st, spec.destination().text());
        long now = build.epoch().orElse(System.currentTimeMillis() / 1000);
        List<CopyItem> items = new CopyPlanner(source, target, ownership, now, new Selection(excludes, parents))
                .plan(sources, dest, keyword);
        if (add) {
            items = Archives.expand(items, dest);
        }
        String digest = CopyStager.digest(items, hashes);
        String keyText = keyword + " from=" + from.map(Word::text).orElse("context") + " dest=" + dest
                + " chown=" + spec.chown().map(Word::text).orElse("") + " chmod=" + spec.chmod().map(Word::text).orElse("")
                + (parents ? " parents" : "") + (excludes.isEmpty() ? "" : " exclude=" + excludes.patterns());
        // as BuildKit: the keyword, the sources and the destination, without the flags
        StringBuilder history = new StringBuilder(keyword);
        for (CopySource s : spec.sources()) {
            history.append(' ').append(s instanceof CopySource.Inline inline ? "<<" + inline.heredoc().name()
                    : ((CopySource.Path) s).path().text());
        }
        String createdBy = history.append(' ').append(spec.destination().text()).append(" # buildkit").toString();
        final List<CopyItem> planned = items;
        Optional<ImageRecord> parent = st.image;
        return new StageBuilder.Prepared(createdBy, keyText, Map.of(), digest, (config, extra) -> {
            Path staging = Files.createTempDirectory(tmp, "copy-");
            try {
                CopyStager.stage(planned, staging);
                // the staged tree is already the layer: the store takes it rather than unpacking a copy
                return committer.build(parent, Optional.of(ImageCommitter.Upper.owned(staging)), config, build.epoch(),
                        List.of(), extra, build.uid());
            } finally {
                Trees.delete(staging);
            }
        });
    }

    /** The destination as an absolute path: relative ones are under WORKDIR; a trailing {@code /} is kept. */
    private static String destination(StageState st, String dest) {
        if (dest.startsWith("/")) {
            return dest;
        }
        String wd = String.valueOf(ConfigEditor.config(st.config).getOrDefault("WorkingDir", ""));
        String base = wd.isEmpty() ? "/" : wd;
        String joined = base.endsWith("/") ? base + dest : base + "/" + dest;
        return dest.equals(".") || dest.endsWith("/.") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private SourceTree context(String keyword) {
        Optional<ContextTree> ctx = build.context();
        if (ctx.isEmpty()) {
            throw new BuildFailedException(keyword + " needs a build context, and this build has none"
                    + " (the Dockerfile came from stdin with CONTEXT -)");
        }
        return ctx.get();
    }

    private SourceTree fromTree(String from, Map<Integer, StageState> built) throws IOException {
        FromSource source = FromSource.resolve(from, "COPY --from", build.plan(), built, images);
        return new ImageTree(tree(images, source.image()), source.display());
    }

    /** An image's filesystem, read through its layer directories (empty for none). */
    static MergedTree tree(ImageService images, Optional<ImageRecord> image) throws IOException {
        if (image.isEmpty()) {
            return MergedTree.empty();
        }
        List<String> layers = image.get().layers();
        List<Path> topFirst = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            topFirst.add(images.layerPath(layers.get(i)));
        }
        return new MergedTree(topFirst);
    }

    /** {@code --chown=user[:group]}: numbers as they are, names from the image's own /etc/passwd and /etc/group. */
    private int[] owner(String chown, MergedTree target) {
        // Docker: a user without a group gets the user's numeric ID as its group ID too
        return ImageUsers.resolve(chown, target, tmp, true, "--chown=" + chown);
    }
}
