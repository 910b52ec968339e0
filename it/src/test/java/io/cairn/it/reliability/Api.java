package io.cairn.it.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.client.ApiClient;
import io.cairn.api.EngineFailureException;
import io.cairn.api.NotFoundException;
import io.cairn.api.VolumeCreateRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations the reliability ITs inject faults into, through the CLI's own API client (the
 * requests {@code bin/cairn} sends), in-process so that a kill lands in the daemon's work rather
 * than in a client JVM's start-up. A method that returns normally is an acknowledged operation;
 * one the daemon refused throws its {@link io.cairn.api.CairnException}; one cut off by a
 * dead daemon throws {@link io.cairn.cli.client.DaemonUnavailableException}. Streamed answers
 * (build, load) report their error in the stream: it is thrown as an {@link EngineFailureException}.
 */
public final class Api {

    private final ApiClient client;

    /** A client of the daemon of {@code root}; it never starts one. */
    public Api(Path root) {
        this.client = new ApiClient(root, false);
    }

    public ApiClient client() {
        return client;
    }

    /** {@code cairn import TAR REF}: the new image's ID. */
    public String importTar(Path tar, String ref) throws Exception {
        String query = "/images/create?fromSrc=-" + (ref == null ? "" : "&repo=" + ApiClient.encodeQuery(ref))
                + "&changes=" + ApiClient.encodeQuery("CMD [\"/bin/sh\"]");
        try (InputStream in = Files.newInputStream(tar)) {
            return client.upload(query, "application/x-tar", in, n -> { }).path("status").asText();
        }
    }

    /** {@code cairn load -i ARCHIVE}: the "Loaded image…" lines. */
    public List<String> load(Path archive) throws Exception {
        List<String> loaded = new ArrayList<>();
        String[] error = {null};
        try (InputStream in = Files.newInputStream(archive)) {
            client.uploadStreaming("/images/load", "application/x-tar", in, n -> { }, line -> {
                JsonNode m = ApiClient.json().readTree(line);
                if (m.has("error")) {
                    error[0] = m.path("error").asText();
                } else if (m.has("stream")) {
                    loaded.add(m.path("stream").asText().strip());
                }
                return true;
            });
        }
        if (error[0] != null) {
            throw new EngineFailureException(error[0]);
        }
        return loaded;
    }

    /** {@code cairn save NAMES…}: the archive's bytes. */
    public byte[] save(String... names) {
        StringBuilder query = new StringBuilder("/images/get?");
        for (String n : names) {
            query.append("names=").append(ApiClient.encodeQuery(n)).append('&');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        client.download(query.toString(), out, n -> { });
        return out.toByteArray();
    }

    /** {@code cairn build -t TAG CONTEXT} with {@code dockerfile} as the Dockerfile: the image ID. */
    public String build(Path context, String dockerfile, String tag) {
        return build(context, dockerfile, tag, line -> { });
    }

    /** As {@link #build(Path, String, String)}, passing each streamed line to {@code progress}. */
    public String build(Path context, String dockerfile, String tag, java.util.function.Consumer<JsonNode> progress) {
        String query = "/build?dockerfile=Dockerfile&context=" + ApiClient.encodeQuery(context.toString())
                + (tag == null ? "" : "&t=" + ApiClient.encodeQuery(tag));
        String[] id = {null};
        String[] error = {null};
        InputStream body = new ByteArrayInputStream(dockerfile.getBytes(StandardCharsets.UTF_8));
        client.uploadStreaming(query, "text/plain; charset=utf-8", body, n -> { }, line -> {
            JsonNode m = ApiClient.json().readTree(line);
            if (m.has("aux")) {
                id[0] = m.path("aux").path("ID").asText();
            } else if (m.has("error") && !m.has("step")) {
                error[0] = m.path("error").asText();
            }
            progress.accept(m);
            return true;
        });
        if (error[0] != null || id[0] == null) {
            throw new EngineFailureException(error[0] != null ? error[0] : "the build ended without a result");
        }
        return id[0];
    }

    /** {@code cairn create --name NAME IMAGE CMD…}: the container's ID. */
    public String create(String image, String name, List<String> cmd) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Image", image);
        body.put("Cmd", cmd);
        String path = "/containers/create" + (name == null ? "" : "?name=" + ApiClient.encodeQuery(name));
        return client.post(path, body, JsonNode.class).path("Id").asText();
    }

    public void start(String container) {
        client.post("/containers/" + container + "/start", null, JsonNode.class);
    }

    public void stop(String container, int seconds) {
        client.post("/containers/" + container + "/stop?t=" + seconds, null, JsonNode.class);
    }

    public int await(String container) {
        return client.post("/containers/" + container + "/wait", null, JsonNode.class).path("StatusCode").asInt();
    }

    /** {@code cairn rm [-f] CONTAINER}. */
    public void remove(String container, boolean force) {
        client.delete("/containers/" + container + (force ? "?force=1" : ""));
    }

    /** {@code cairn commit CONTAINER [REF]}: the new image's ID. */
    public String commit(String container, String ref) {
        return client.post("/commit?container=" + ApiClient.encodeQuery(container)
                + (ref == null ? "" : "&repo=" + ApiClient.encodeQuery(ref)), null, JsonNode.class).path("Id").asText();
    }

    /** {@code cairn tag SOURCE REPO:TAG}. */
    public void tag(String source, String repo, String tag) {
        client.post("/images/" + ApiClient.encodePath(source) + "/tag?repo=" + ApiClient.encodeQuery(repo)
                + "&tag=" + ApiClient.encodeQuery(tag), null, JsonNode.class);
    }

    /** {@code cairn rmi [-f] REF}: Docker's list of Untagged/Deleted items. */
    public JsonNode rmi(String ref, boolean force) {
        return client.deleteJson("/images/" + ApiClient.encodePath(ref) + (force ? "?force=1" : ""));
    }

    /** {@code cairn image prune -f} (dangling images). */
    public JsonNode prune() {
        return client.post("/images/prune", null, JsonNode.class);
    }

    public void volumeCreate(String name) {
        client.post("/volumes/create", new VolumeCreateRequest(name, null, null, Map.of()), JsonNode.class);
    }

    public void volumeRemove(String name) {
        client.delete("/volumes/" + name);
    }

    /** {@code cairn ps -a}: Docker's container summaries. */
    public List<JsonNode> containers() {
        List<JsonNode> out = new ArrayList<>();
        client.get("/containers/json?all=1").forEach(out::add);
        return out;
    }

    /** IDs of the containers in state "running". */
    public List<String> running() {
        return containers().stream().filter(c -> c.path("State").asText().equals("running"))
                .map(c -> c.path("Id").asText()).toList();
    }

    /** {@code cairn inspect CONTAINER}, or empty when there is no such container. */
    public Optional<JsonNode> container(String ref) {
        try {
            return Optional.of(client.get("/containers/" + ref + "/json"));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** {@code cairn image inspect REF}, or empty when there is no such image. */
    public Optional<JsonNode> image(String ref) {
        try {
            return Optional.of(client.get("/images/" + ApiClient.encodePath(ref) + "/json"));
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    /** {@code cairn images -a}: Docker's image summaries. */
    public List<JsonNode> images() {
        List<JsonNode> out = new ArrayList<>();
        client.get("/images/json?all=1").forEach(out::add);
        return out;
    }

    public boolean volumeExists(String name) {
        try {
            client.get("/volumes/" + name);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    public boolean ping() {
        return client.ping();
    }
}
