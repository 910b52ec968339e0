package io.cairn.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.command.ClientCommand;
import io.cairn.cli.command.ExitCodes;
import io.cairn.cli.command.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn cp [-a] [-L] SRC DEST}, one side {@code CONTAINER:PATH}, with Docker's rules: a
 * directory goes into an existing directory under its own name, or becomes DEST when DEST does not
 * exist; {@code SRC/.} copies a directory's content; a file replaces a file; DEST's parent must
 * exist; {@code -} is a tar stream on stdin or stdout. The container side goes through the
 * daemon's archive endpoints; the host side is the host's GNU tar, run as the user who runs
 * {@code cp}, so nothing is written on the host with more rights than that user has.
 */
@Command(name = "cp", description = "Copy files/folders between a container and the local filesystem.")
public class CpCommand extends ClientCommand {

    /** The sed delimiter of tar's --transform: a byte no sane file name has (names holding it are refused). */
    private static final char DELIMITER = '\u0001';

    @Parameters(index = "0", paramLabel = "SRC")
    String source;

    @Parameters(index = "1", paramLabel = "DEST")
    String destination;

    @Option(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information).")
    boolean archive;

    @Option(names = {"-L", "--follow-link"}, description = "Always follow symbol link in SRC_PATH.")
    boolean followLink;

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output during copy.")
    boolean quiet;

    /** Docker's stat of a container path. */
    record PathStat(String name, long size, long mode, String linkTarget) {
        boolean directory() {
            return (mode & (1L << 31)) != 0;
        }
    }

    private record Spec(String container, String path) {
    }

    @Override
    protected int run() throws Exception {
        Spec src = split(source);
        Spec dst = split(destination);
        if (src.container() != null && dst.container() != null) {
            throw new UsageException("copying between containers is not supported");
        }
        if (src.container() == null && dst.container() == null) {
            throw new UsageException("must specify at least one container source");
        }
        long copied = src.container() != null ? fromContainer(src, dst.path()) : toContainer(src.path(), dst);
        if (!quiet && !(src.container() != null ? dst.path() : src.path()).equals("-")) {
            err().println("Successfully copied " + io.cairn.cli.output.Units.humanSize(copied) + " to " + destination);
        }
        return ExitCodes.OK;
    }

    /** Docker's splitCpArg: {@code NAME:PATH} unless the argument is an absolute or dot path. */
    private static Spec split(String arg) {
        if (arg.startsWith("/") || arg.startsWith(".") || arg.equals("-")) {
            return new Spec(null, arg);
        }
        int colon = arg.indexOf(':');
        if (colon <= 0) {
            return new Spec(null, arg);
        }
        return new Spec(arg.substring(0, colon), arg.substring(colon + 1).isEmpty() ? "/" : arg.substring(colon + 1));
    }

    private String archivePath(String container, String path) {
        return ContainerAction.path(container) + "/archive?path=" + ApiClient.encodeQuery(path);
    }

    /** The stat of a container path, empty when it does not exist (an unknown container still fails). */
    private Optional<PathStat> stat(String container, String path) {
        Map<String, String> headers;
        try {
            headers = client().head(archivePath(container, path));
        } catch (NotFoundException e) {
            client().get(ContainerAction.path(container) + "/json"); // "No such container" when that is the reason
            return Optional.empty();
        }
        String header = headers.get("x-docker-container-path-stat");
        if (header == null) {
            throw new InvalidArgumentException("the daemon sent no X-Docker-Container-Path-Stat for " + path);
        }
        try {
            JsonNode n = ApiClient.json().readTree(Base64.getDecoder().decode(header));
            return Optional.of(new PathStat(n.path("name").asText(), n.path("size").asLong(), n.path("mode").asLong(),
                    n.path("linkTarget").asText("")));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidArgumentException("unreadable X-Docker-Container-Path-Stat: " + e.getMessage());
        }
    }

    // ---- container → host

    private long fromContainer(Spec src, String dst) throws Exception {
        String path = src.path();
        PathStat st = stat(src.container(), path).orElseThrow(() -> new NotFoundException(
                "Could not find the file " + path + " in container " + src.container()));
        String fetched = path;
        if (followLink && !st.linkTarget().isEmpty()) {
            fetched = st.linkTarget();
            String target = fetched;
            st = stat(src.container(), fetched).orElseThrow(() -> new NotFoundException(
                    "Could not find the file " + target + " in container " + src.container()));
        }
        String url = archivePath(src.container(), fetched);
        AtomicLong count = new AtomicLong();
        if (dst.equals("-")) {
            client().download(url, System.out, count::set);
            return count.get();
        }
        boolean contents = path.endsWith("/.");
        String fetchedBase = lastName(fetched);
        String wantedBase = lastName(path);
        Path to = Path.of(dst);
        List<String> tar = new ArrayList<>(List.of("tar", "-x", "-f", "-", "-p"));
        tar.add(archive ? "--same-owner" : "--no-same-owner");
        tar.add("--numeric-owner");
        if (Files.isDirectory(to)) {
            tar.addAll(List.of("-C", to.toString()));
            if (contents && st.directory()) {
                tar.add("--strip-components=1");
            } else if (!fetchedBase.equals(wantedBase)) {
                tar.add(transform(fetchedBase, wantedBase, false));
            }
        } else if (Files.exists(to)) {
            if (st.directory()) {
                throw new InvalidArgumentException("cannot copy a directory to a file: " + dst);
            }
            tar.addAll(List.of("-C", parent(to).toString(), transform(fetchedBase, to.getFileName().toString(), true)));
        } else {
            if (dst.endsWith("/") && !st.directory()) {
                throw new InvalidArgumentException("destination directory " + dst + " does not exist");
            }
            Path parent = parent(to);
            if (!Files.isDirectory(parent)) {
                throw new InvalidArgumentException("destination directory " + parent + " does not exist");
            }
            if (contents && st.directory()) {
                Files.createDirectory(to);
                tar.addAll(List.of("-C", to.toString(), "--strip-components=1"));
            } else {
                tar.addAll(List.of("-C", parent.toString(), transform(fetchedBase, to.getFileName().toString(),
                        !st.directory())));
            }
        }
        Process p = new ProcessBuilder(tar).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream in = p.getOutputStream()) {
            client().download(url, in, count::set);
        } catch (RuntimeException e) {
            p.destroy();
            throw e;
        }
        if (p.waitFor() != 0) {
            throw new InvalidArgumentException("tar could not extract the copy into " + dst + " (exit " + p.exitValue() + ")");
        }
        return count.get();
    }

    // ---- host → container

    private long toContainer(String src, Spec dst) throws Exception {
        String url;
        AtomicLong count = new AtomicLong();
        if (src.equals("-")) {
            url = archivePath(dst.container(), dst.path()) + "&noOverwriteDirNonDir=true" + (archive ? "&copyUIDGID=1" : "");
            client().put(url, "application/x-tar", counting(System.in, count));
            return count.get();
        }
        Path from = Path.of(src);
        if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidArgumentException("lstat " + src + ": no such file or directory");
        }
        boolean contents = src.endsWith("/.");
        Path real = followLink ? from.toRealPath() : from.toAbsolutePath().normalize();
        if (contents) {
            real = Path.of(src.substring(0, src.length() - 2).isEmpty() ? "/" : src.substring(0, src.length() - 2))
                    .toAbsolutePath().normalize();
        }
        boolean srcDir = Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS);
        String srcName = real.getFileName() == null ? "." : real.getFileName().toString();
        String wantedName = contents ? srcName : lastName(src);
        Optional<PathStat> target = stat(dst.container(), dst.path());
        if (target.isPresent() && !target.get().linkTarget().isEmpty()) {
            String link = target.get().linkTarget();
            target = stat(dst.container(), link);
            dst = new Spec(dst.container(), link);
        }
        List<String> tar = new ArrayList<>(List.of("tar", "-c", "-f", "-", "--numeric-owner"));
        String into;
        if (target.isPresent() && target.get().directory()) {
            into = dst.path();
            if (contents && srcDir) {
                tar.addAll(List.of("-C", real.toString(), "."));
            } else {
                if (!srcName.equals(wantedName)) {
                    tar.add(transform(srcName, wantedName, !srcDir));
                }
                tar.addAll(List.of("-C", parent(real).toString(), srcName));
            }
        } else {
            if (target.isPresent() && srcDir) {
                throw new InvalidArgumentException("cannot copy a directory to a file: " + destination);
            }
            if (target.isEmpty() && dst.path().endsWith("/") && !srcDir) {
                throw new InvalidArgumentException("destination directory " + dst.path() + " does not exist");
            }
            into = parentPath(dst.path());
            Optional<PathStat> parent = stat(dst.container(), into);
            if (parent.isEmpty() || !parent.get().directory()) {
                throw new InvalidArgumentException("destination directory " + into + " does not exist in container "
                        + dst.container());
            }
            tar.add(transform(srcName, lastName(dst.path()), !srcDir));
            tar.addAll(List.of("-C", parent(real).toString(), srcName));
        }
        url = archivePath(dst.container(), into) + "&noOverwriteDirNonDir=true" + (archive ? "&copyUIDGID=1" : "");
        Process p = new ProcessBuilder(tar).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        p.getOutputStream().close();
        try (InputStream body = p.getInputStream()) {
            client().put(url, "application/x-tar", counting(body, count));
        } finally {
            if (p.waitFor() != 0) {
                throw new InvalidArgumentException("tar could not read " + src + " (exit " + p.exitValue() + ")");
            }
        }
        return count.get();
    }

    // ---- helpers

    /**
     * GNU tar's {@code --transform} renaming {@code from} (the whole name with {@code exact}, else the
     * first component of every member) to {@code to}, for member names and hard link targets only.
     */
    static String transform(String from, String to, boolean exact) {
        for (String n : List.of(from, to)) {
            if (n.indexOf(DELIMITER) >= 0 || n.indexOf('\n') >= 0) {
                throw new InvalidArgumentException("cannot copy a name holding a control character: " + n);
            }
        }
        String regex = "^" + bre(from) + (exact ? "$" : "\\(/\\|$\\)");
        String replacement = to.replace("\\", "\\\\").replace("&", "\\&") + (exact ? "" : "\\1");
        return "--transform=s" + DELIMITER + regex + DELIMITER + replacement + DELIMITER + "S";
    }

    /** A literal for a POSIX basic regular expression. */
    private static String bre(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ("\\.*[]^$".indexOf(c) >= 0) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String lastName(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.endsWith("/.")) {
            p = p.substring(0, p.length() - 2);
        }
        int slash = p.lastIndexOf('/');
        String name = slash < 0 ? p : p.substring(slash + 1);
        return name.isEmpty() ? "." : name;
    }

    private static String parentPath(String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        int slash = p.lastIndexOf('/');
        return slash <= 0 ? "/" : p.substring(0, slash);
    }

    private static Path parent(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.getParent() == null ? abs : abs.getParent();
    }

    private static InputStream counting(InputStream in, AtomicLong count) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    count.addAndGet(n);
                }
                return n;
            }
        };
    }

}
