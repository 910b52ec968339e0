package io.cairn.engine.build;

import io.cairn.engine.RootLayout;
import io.cairn.engine.build.copy.ContextTree;
import io.cairn.engine.build.dockerfile.Word;
import io.cairn.engine.build.dockerfile.dockerignore.Paths;
import io.cairn.engine.build.dockerfile.instructions.CommandForm;
import io.cairn.engine.build.dockerfile.instructions.Mount;
import io.cairn.engine.build.dockerfile.instructions.Run;
import io.cairn.engine.build.dockerfile.parser.Heredoc;
import io.cairn.engine.build.dockerfile.plan.Step;
import io.cairn.engine.build.run.RunSpec;
import io.cairn.engine.container.ContainerService;
import io.cairn.engine.container.MountSpec;
import io.cairn.engine.fs.RootfsPath;
import io.cairn.engine.image.ImageRecord;
import io.cairn.storage.layer.TreeManifest;
import io.cairn.storage.digest.Digest;
import io.cairn.storage.posix.Posix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves a RUN instruction against its stage: argv (shell form through SHELL, here-documents
 * joined to the script as the shell expects them, a script with a shebang run as a file), the
 * environment (the image's, then the build args in scope, as BuildKit passes them), WORKDIR,
 * USER, network, and {@code --mount}s as host paths.
 */
final class RunSpecs {

    private RunSpecs() {
    }

    /**
     * Where a RUN's mounts come from: the stage's {@code --from} lookup, and the views of other
     * stages' filesystems it mounts (in {@code views}, which the caller unmounts whatever happens).
     */
    record Sources(Function<String, FromSource> from, ContainerService containers, List<Path> views) {
    }

    static RunSpec of(StageState st, Step step, Run run, StageBuilder.Build build, Path scratch, RootLayout root,
                      Sources sources) throws IOException {
        Map<String, Object> c = ConfigEditor.config(st.config);
        List<MountSpec> mounts = new ArrayList<>();
        List<String> argv = argv(run, c, scratch, mounts);
        Map<String, String> env = ConfigEditor.env(c);
        step.scope().args().forEach(env::putIfAbsent);
        build.plan().proxyArgs().forEach(env::putIfAbsent);
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        String workdir = String.valueOf(c.getOrDefault("WorkingDir", ""));
        String user = String.valueOf(c.getOrDefault("User", ""));
        String network = run.network().map(n -> n.equals("default") ? build.request().network() : n)
                .orElse(build.request().network());
        if (!network.equals("none") && !network.equals("host")) {
            throw new BuildFailedException("RUN --network=" + network + " is not supported: use none or host");
        }
        List<String> keys = new ArrayList<>();
        for (Mount m : run.mounts()) {
            mounts.add(mount(m, build.context(), scratch, root, sources, keys));
        }
        String display = String.join(" ", argv);
        return new RunSpec(st.image.get().id(), argv, envList, workdir.isEmpty() ? "/" : workdir, user, network, mounts,
                display, keys);
    }

    private static List<String> argv(Run run, Map<String, Object> c, Path scratch, List<MountSpec> mounts)
            throws IOException {
        if (run.command() instanceof CommandForm.ExecForm exec) {
            return exec.argv().stream().map(Word::text).toList();
        }
        String script = ((CommandForm.ShellForm) run.command()).script().text();
        List<String> argv = new ArrayList<>(ConfigEditor.shell(c));
        if (!run.heredocs().isEmpty() && script.strip().equals(run.heredocs().get(0).marker())) {
            Heredoc doc = run.heredocs().get(0);
            if (doc.content().startsWith("#!")) {
                // a script with its own interpreter runs as a file, as BuildKit does (/dev/pipes/NAME)
                Path file = scratch.resolve("heredoc-" + doc.name());
                Files.writeString(file, doc.content(), StandardCharsets.UTF_8);
                Posix.chmod(file, 0755);
                mounts.add(new MountSpec("bind", file.toString(), "/dev/pipes/" + doc.name(), true, List.of()));
                return List.of("/dev/pipes/" + doc.name());
            }
            argv.add(doc.content());
            return argv;
        }
        StringBuilder full = new StringBuilder(script);
        for (Heredoc doc : run.heredocs()) {
            full.append('\n').append(doc.content()).append(doc.name());
        }
        argv.add(full.toString());
        return argv;
    }

    private static MountSpec mount(Mount m, java.util.Optional<ContextTree> context, Path scratch, RootLayout root,
                                   Sources sources, List<String> keys) throws IOException {
        String target = m.target().startsWith("/") ? m.target() : "/" + m.target();
        return switch (m.type()) {
            case TMPFS -> new MountSpec("tmpfs", "", target, false,
                    m.size().map(s -> List.of("size=" + s)).orElse(List.of()));
            case CACHE -> {
                if (m.from().isPresent()) {
                    throw new BuildFailedException("RUN --mount=type=cache,from=" + m.from().get()
                            + " is not supported: a cache mount starts empty here");
                }
                String id = m.id().orElse(target);
                Path dir = root.dir().resolve("buildcache-mounts").resolve(Digest.sha256(id).hex());
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    Posix.lchown(dir, m.uid().orElse(0), m.gid().orElse(0));
                    Posix.chmod(dir, m.mode().orElse(0755));
                }
                yield new MountSpec("bind", dir.toString(), target, m.readOnly(), List.of());
            }
            case BIND -> {
                Path top;
                String where;
                String key;
                if (m.from().isPresent()) {
                    FromSource from = sources.from().apply(m.from().get());
                    Path view = scratch.resolve("view-" + sources.views().size());
                    sources.views().add(view);
                    top = sources.containers().mountView(from.image(), view);
                    where = from.display();
                    key = "from " + from.image().map(ImageRecord::id).orElse("scratch");
                } else {
                    ContextTree ctx = context.orElseThrow(() -> new BuildFailedException(
                            "RUN --mount=type=bind needs a build context, and this build has none"));
                    top = ctx.root();
                    where = "the build context";
                    key = "context";
                }
                String rel = Paths.inContext(m.source().orElse("."));
                // links resolve inside the tree, as they would in a container: never to a host path
                Path source = rel.equals(".") ? top : RootfsPath.resolve(top, "/" + rel);
                if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                    throw new BuildFailedException("RUN --mount=type=bind: source \"" + m.source().orElse(".")
                            + "\" not found in " + where);
                }
                // a stage's image ID names its content; the context's must be read
                keys.add(key + " " + rel + (m.from().isPresent() ? "" : " " + TreeManifest.of(source).digest()));
                if (!m.readOnly() && m.from().isEmpty()) {
                    // writes to a read-write bind mount are discarded, as in BuildKit: never touch the context
                    Path copy = scratch.resolve("bind-" + Digest.sha256(target).hex().substring(0, 12));
                    copyTree(source, copy);
                    source = copy;
                }
                yield new MountSpec("bind", source.toString(), target, m.readOnly(), List.of());
            }
            default -> throw new BuildFailedException("RUN --mount=type=" + m.type().name().toLowerCase(java.util.Locale.ROOT)
                    + " is not supported yet (bind, cache and tmpfs are)");
        };
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dst = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(p, dst, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }
}
