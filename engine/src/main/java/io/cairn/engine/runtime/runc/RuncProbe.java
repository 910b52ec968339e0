package io.cairn.engine.runtime.runc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairn.engine.json.Mappers;
import io.cairn.engine.runtime.ProcessProbe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link ProcessProbe} by {@code runc exec --process FILE}: the process is the container's own
 * {@code process} from config.json with the probe's argv and no terminal, so it gets the same user,
 * environment, directory, capabilities, no-new-privileges and AppArmor profile; runc puts it in the
 * container's namespaces and cgroup under its seccomp filter. Output beyond 4 KiB is dropped (Docker
 * keeps as much of a probe's output).
 */
final class RuncProbe implements ProcessProbe {

    static final int MAX_OUTPUT = 4096;

    private final RuncCli runc;

    RuncProbe(RuncCli runc) {
        this.runc = runc;
    }

    @Override
    public Result run(String id, Path bundle, List<String> argv, Duration timeout) throws IOException {
        JsonNode config = Mappers.TOLERANT.readTree(bundle.resolve("config.json").toFile());
        ObjectNode process = ((ObjectNode) config.path("process")).deepCopy();
        process.put("terminal", false);
        process.set("args", Mappers.TOLERANT.valueToTree(argv));
        Path file = Files.createTempFile(bundle, "probe-", ".json");
        try {
            Files.write(file, Mappers.TOLERANT.writeValueAsBytes(process));
            List<String> cmd = new ArrayList<>(List.of(runc.binary().toString(), "--root", runc.root().toString(),
                    "exec", "--process", file.toString(), id));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> head(p.getInputStream()));
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    return new Result(-1, "Health check exceeded timeout (" + timeout.toMillis() + "ms)");
                }
                return new Result(p.exitValue(), out.get(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("probe interrupted", e);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                return new Result(p.exitValue(), "");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String head(InputStream in) {
        try (in) {
            byte[] kept = in.readNBytes(MAX_OUTPUT);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return new String(kept, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
