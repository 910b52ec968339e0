package io.cairn.engine.build.run;

import io.cairn.engine.build.copy.ContextTree;
import io.cairn.dockerfile.Word;
import io.cairn.dockerfile.dockerignore.Paths;
import io.cairn.dockerfile.instructions.CommandForm;
import io.cairn.dockerfile.instructions.Mount;
import io.cairn.dockerfile.instructions.Run;
import io.cairn.dockerfile.parser.Heredoc;
import io.cairn.dockerfile.plan.Step;
import io.cairn.engine.container.ContainerService;
import io.cairn.engine.event.MountSpec;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
     * Where a RUN's mounts come from: the containers that mount other stages' filesystems, the cache
     * directories, and what the step holds until it is over: the views it mounts and the cache
     * directories it leases (the caller unmounts and returns them whatever happens).
     */
    record Sources(ContainerService containers, CacheMounts cacheMounts, List<Path> views,
                   List<CacheMounts.Lease> leases) {
    }

    static RunSpec of(RunStage st, Step step, Run run, RunBuild build, Path scratch, Sources sources)
            throws IOException {
        List<MountSpec> mounts = new ArrayList<>();
        List<String> argv = argv(run, st.shell(), scratch, mounts);
        Map<String, String> env = new LinkedHashMap<>(st.env());
        step.scope().args().forEach(env::putIfAbsent);
        build.proxyArgs().forEach(env::putIfAbsent);
        String workdir = st.workingDir();
        String user = st.user();
        String network = run.network().map(n -> n.equals("default") ? build.network() : n).orElse(build.network());
        if (!network.equals("none") && !network.equals("host") && !network.equals("bridge")) {
            throw new RunFailedException("RUN --network=" + network + " is not supported: use none, default or host");
        }
        List<String> keys = new ArrayList<>();
        int agents = 0;
        for (Mount m : run.mounts()) {
            MountSpec spec = switch (m.type()) {
                case SECRET -> secret(m, build, scratch, mounts.size());
                case SSH -> agent(m, build, agents);
                default -> mount(m, st, build.context(), scratch, sources, keys);
            };
            if (spec == null) {
                continue; // an optional secret or agent that this build was not given: BuildKit skips it too
            }
            if (m.type() == Mount.Type.SSH && agents++ == 0) {
                env.putIfAbsent("SSH_AUTH_SOCK", spec.target());
            }
            mounts.add(spec);
        }
        List<String> envList = new ArrayList<>();
        env.forEach((k, v) -> envList.add(k + "=" + v));
        String display = String.join(" ", argv);
        return new RunSpec(st.image().get().id(), argv, envList, workdir.isEmpty() ? "/" : workdir, user, network, mounts,
                display, keys);
    }

    private static List<String> argv(Run run, List<String> shell, Path scratch, List<MountSpec> mounts)
            throws IOException {
        if (run.command() instanceof CommandForm.ExecForm exec) {
            return exec.argv().stream().map(Word::text).toList();
        }
        String script = ((CommandForm.ShellForm) run.command()).script().text();
        List<String> argv = new ArrayList<>(shell);
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

    private static MountSpec mount(Mount m, RunStage st, java.util.Optional<ContextTree> context, Path scratch,
                                   Sources sources, List<String> keys) throws IOException {
        String target = m.target().startsWith("/") ? m.target() : "/" + m.target();
        return switch (m.type()) {
            case TMPFS -> new MountSpec("tmpfs", "", target, false,
                    m.size().map(s -> List.of("size=" + s)).orElse(List.of()));
            case CACHE -> {
                if (m.from().isPresent()) {
                    throw new RunFailedException("RUN --mount=type=cache,from=" + m.from().get()
                            + " is not supported: a cache mount starts empty here");
                }
                CacheMounts.Lease lease = sources.cacheMounts().acquire(m, target);
                sources.leases().add(lease);
                yield new MountSpec("bind", lease.dir().toString(), target, m.readOnly(), List.of());
            }
            case BIND -> {
                Path top;
                String where;
                String key;
                if (m.from().isPresent()) {
                    RunStage.From from = st.from().apply(m.from().get());
                    Path view = scratch.resolve("view-" + sources.views().size());
                    sources.views().add(view);
                    top = sources.containers().mountView(from.image(), view);
                    where = from.display();
                    key = "from " + from.image().map(ImageRecord::id).orElse("scratch");
                } else {
                    ContextTree ctx = context.orElseThrow(() -> new RunFailedException(
                            "RUN --mount=type=bind needs a build context, and this build has none"));
                    top = ctx.root();
                    where = "the build context";
                    key = "context";
                }
                String rel = Paths.inContext(m.source().orElse("."));
                // links resolve inside the tree, as they would in a container: never to a host path
                Path source = rel.equals(".") ? top : RootfsPath.resolve(top, "/" + rel);
                if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                    throw new RunFailedException("RUN --mount=type=bind: source \"" + m.source().orElse(".")
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
            case SECRET, SSH -> throw new IllegalStateException("secret and ssh mounts are resolved by the caller");
        };
    }

    /**
     * {@code RUN --mount=type=secret}: the value, written for this step only (mode 0400 unless
     * {@code mode=}), read-only at {@code /run/secrets/ID} or the target. Neither the value nor its
     * digest goes into the cache key, as in BuildKit.
     */
    private static MountSpec secret(Mount m, RunBuild build, Path scratch, int n) throws IOException {
        if (m.env().isPresent()) {
            throw new RunFailedException("RUN --mount=type=secret,env=" + m.env().get() + " is not supported: the"
                    + " step's environment is journaled with its container; mount the secret as a file instead");
        }
        String id = m.id().orElseGet(() -> m.target().substring(m.target().lastIndexOf('/') + 1));
        byte[] value = build.secrets().get(id);
        if (value == null) {
            if (m.required()) {
                throw new RunFailedException("secret " + id + " is required but was not given: cairn build --secret id="
                        + id + ",src=FILE");
            }
            return null;
        }
        String target = m.target().isEmpty() ? "/run/secrets/" + id
                : m.target().startsWith("/") ? m.target() : "/" + m.target();
        Path file = scratch.resolve("secret-" + n);
        Files.write(file, value);
        Posix.lchown(file, m.uid().orElse(0), m.gid().orElse(0));
        Posix.chmod(file, m.mode().orElse(0400));
        return new MountSpec("bind", file.toString(), target, true, List.of());
    }

    /**
     * {@code RUN --mount=type=ssh}: the client's agent socket, at {@code /run/buildkit/ssh_agent.N} or
     * the target; the first one is also {@code SSH_AUTH_SOCK}.
     */
    private static MountSpec agent(Mount m, RunBuild build, int n) {
        String id = m.id().orElse("default");
        Path socket = build.ssh().get(id);
        if (socket == null) {
            if (m.required()) {
                throw new RunFailedException("ssh agent " + id + " is required but was not forwarded: cairn build --ssh "
                        + id);
            }
            return null;
        }
        String target = m.target().isEmpty() ? "/run/buildkit/ssh_agent." + n
                : m.target().startsWith("/") ? m.target() : "/" + m.target();
        return new MountSpec("bind", socket.toString(), target, false, List.of());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dst = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dst);
                    // the source's mode, not the daemon's umask: a RUN as another user must still enter it
                    Files.setPosixFilePermissions(dst, Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                } else {
                    Files.copy(p, dst, StandardCopyOption.COPY_ATTRIBUTES, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                }
            }
        }
    }
}
