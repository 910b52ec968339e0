package io.cairn.engine.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.CairnException;
import io.cairn.api.ConflictException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.TooLargeException;
import io.cairn.engine.event.ImagePulled;
import io.cairn.engine.image.oci.Compression;
import io.cairn.engine.image.oci.Descriptor;
import io.cairn.engine.image.oci.ImageConfig;
import io.cairn.engine.image.oci.Index;
import io.cairn.engine.image.oci.Manifest;
import io.cairn.engine.image.oci.MediaTypes;
import io.cairn.engine.image.oci.OciJson;
import io.cairn.engine.image.oci.Platform;
import io.cairn.engine.image.reference.Reference;
import io.cairn.engine.json.Mappers;
import io.cairn.engine.registry.Credentials;
import io.cairn.engine.registry.RegistryClient;
import io.cairn.engine.registry.RegistryConfig;
import io.cairn.engine.registry.Repository;
import io.cairn.storage.digest.Digest;
import io.cairn.storage.layer.ChainIds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code docker pull}: resolves a reference to a manifest (through an index, for the platform asked
 * or the host's), fetches the config, downloads the layers the engine lacks in parallel (a bounded
 * pool), each verified against its digest and size while it streams into {@code tmp/pulls/}, then
 * stores and journals the image through the same path as {@code load} ({@link ImageService#commitNew}),
 * with an {@link ImagePulled} event naming what was asked, the manifest digest and the registry.
 *
 * <p>Nothing is indexed before every byte is verified; a pull that fails or is interrupted leaves at
 * most verified blobs in {@code tmp/pulls/}, which a retry in the same daemon's life uses instead of
 * downloading them again (and the next start empties). Layers already present (by chain ID) are not
 * fetched.
 */
public final class ImagePuller {

    /** Docker's {@code max-concurrent-downloads}. */
    static final int PARALLEL = 3;

    /** One progress message, in the shape of Docker's JSON progress stream. */
    public record Progress(String status, String id, long current, long total) {
        static Progress of(String status) {
            return new Progress(status, null, -1, -1);
        }

        static Progress of(String status, String id) {
            return new Progress(status, id, -1, -1);
        }
    }

    /** What a pull did: the reference it tagged (familiar), the image ID, the manifest digest, whether it was new. */
    public record Result(String reference, String id, String manifestDigest, boolean updated) {
    }

    private final ImageService images;
    private final RegistryClient registries;
    private final Path downloads;

    public ImagePuller(ImageService images, RegistryClient registries, Path tmp) {
        this.images = images;
        this.registries = registries;
        this.downloads = tmp.resolve("pulls");
    }

    public RegistryConfig config() {
        return registries.config();
    }

    /** {@code POST /auth}: whether {@code server} takes {@code credentials}. */
    public void login(String server, Credentials credentials) {
        registries.login(server, credentials);
    }

    /**
     * Pulls {@code image} ({@code fromImage}) with {@code tag} (a tag or a digest; empty: the
     * reference's own, or {@code latest}) for {@code platform} (empty: the host's).
     */
    public Result pull(String image, String tag, Optional<Platform> platform, Credentials credentials,
                       Consumer<Progress> listener, int uid) {
        Consumer<Progress> progress = serialized(listener);
        Reference ref = reference(image, tag);
        Repository repo = registries.repository(ref.domain(), ref.path(), credentials, true);
        String asked = ref.digest() != null ? ref.digest().toString() : ref.tag();
        Repository.Fetched top = repo.manifest(asked);
        // after the manifest, as dockerd: a pull that cannot start fails before its stream does
        progress.accept(Progress.of("Pulling from " + ref.path(), asked));
        Platform wanted = platform.orElse(Platform.host());
        Repository.Fetched fetched = top;
        Platform chosen = null;
        if (isIndex(top)) {
            Descriptor entry = select(top, wanted, repo);
            chosen = entry.platform();
            fetched = repo.manifest(entry.digest().toString());
            if (isIndex(fetched)) {
                throw new InvalidArgumentException(what(repo, ref) + ": the index entry for " + wanted
                        + " is another index; nested indexes are not supported");
            }
        }
        Manifest manifest = manifest(fetched, repo, ref);
        byte[] configBytes = config(manifest.config(), repo, ref);
        ImageConfig config = OciJson.read(configBytes, ImageConfig.class, "image config " + manifest.config().digest());
        if (config.diffIds().size() != manifest.layers().size()) {
            throw new InvalidArgumentException(what(repo, ref) + ": the manifest lists " + manifest.layers().size()
                    + " layers but the config " + config.diffIds().size() + " diffIDs");
        }
        if (chosen == null && platform.isPresent() && !Platform.of(config.os(), config.architecture()).matches(wanted)) {
            throw new io.cairn.api.NotFoundException(what(repo, ref) + " is for " + config.os() + "/"
                    + config.architecture() + ", not " + wanted);
        }
        String platformName = config.os() + "/" + config.architecture()
                + (config.variant() == null ? "" : "/" + config.variant());
        List<Digest> chain = new ArrayList<>();
        Optional<Digest> parent = Optional.empty();
        for (Digest diffId : config.diffIds()) {
            parent = Optional.of(ChainIds.next(parent, diffId));
            chain.add(parent.get());
        }
        Digest resolved = fetched.digest();
        String platformShown = chosen == null ? platformName : chosen.toString();
        List<Path> blobs = download(manifest, chain, repo, progress);
        String id = manifest.config().digest().toString();
        String previous = ref.tag() == null ? null : images.tagged(ref.toString());
        List<String> tags = ref.tag() == null ? List.of() : List.of(ref.withDefaultTag().nameOnly().withTag(ref.tag()).toString());
        images.commitNew(content -> {
            List<ImageContent.StoredLayer> stored = new ArrayList<>();
            Optional<Digest> below = Optional.empty();
            for (int i = 0; i < manifest.layers().size(); i++) {
                Descriptor layer = manifest.layers().get(i);
                String shortId = shortId(layer.digest());
                if (blobs.get(i) == null) {
                    try {
                        stored.add(images.storedLayer(chain.get(i).toString()));
                    } catch (io.cairn.api.NotFoundException e) {
                        throw new ConflictException("layer " + chain.get(i) + " was removed while the pull ran; pull again");
                    }
                } else {
                    progress.accept(new Progress("Extracting", shortId, 0, layer.size()));
                    try {
                        stored.add(content.storeLayer(blobs.get(i), below, Optional.of(config.diffIds().get(i)),
                                Optional.of(layer.digest())));
                    } catch (io.cairn.storage.layer.InvalidLayerException | io.cairn.storage.blob.DigestMismatchException e) {
                        throw new InvalidArgumentException(what(repo, ref) + ": layer " + (i + 1) + " of "
                                + manifest.layers().size() + " (" + layer.digest() + "): " + e.getMessage());
                    }
                    progress.accept(Progress.of("Pull complete", shortId));
                }
                below = Optional.of(chain.get(i));
            }
            content.blobs().put(manifest.config().digest(), new ByteArrayInputStream(configBytes));
            byte[] local = ImageContent.JSON.writeValueAsBytes(content.manifest(manifest.config().digest(),
                    configBytes.length, stored));
            Digest localDigest = content.blobs().put(local);
            String created = config.created() == null ? "" : config.created().toString();
            return new NewImage(id, configBytes.length, localDigest.toString(), local.length, stored, created, "pull", tags);
        }, imageId -> {
            List<io.cairn.engine.event.Event> extra = new ArrayList<>();
            extra.add(new ImagePulled(ref.toString(), repo.registry(), resolved.toString(), platformShown, imageId));
            // the compressed digests, so that a push back to this registry finds or mounts them
            for (int i = 0; i < manifest.layers().size(); i++) {
                Descriptor layer = manifest.layers().get(i);
                Compression c = Compression.ofLayerMediaType(layer.mediaType()).orElse(Compression.NONE);
                String name = c == Compression.ZSTD ? "zstd" : c == Compression.NONE ? null : "gzip";
                if (name != null && blobs.get(i) != null) {
                    extra.add(new io.cairn.engine.event.LayerDistributed(config.diffIds().get(i).toString(), name,
                            layer.digest().toString(), layer.size(), repo.registry() + "/" + repo.path()));
                }
            }
            return extra;
        }, uid);
        for (Path blob : blobs) {
            if (blob != null) {
                try {
                    Files.deleteIfExists(blob);
                } catch (IOException e) {
                    // tmp/ is emptied at the next start
                }
            }
        }
        progress.accept(Progress.of("Digest: " + resolved));
        String shown = ref.familiar();
        boolean updated = !id.equals(previous);
        progress.accept(Progress.of(updated ? "Status: Downloaded newer image for " + shown
                : "Status: Image is up to date for " + shown));
        return new Result(shown, id, resolved.toString(), updated);
    }

    /**
     * {@code docker pull --all-tags}: every tag the repository lists, one pull each (a layer two tags
     * share is fetched once: the second pull finds it stored). {@code image} must name a repository
     * only; a tag or digest with it is refused, as Docker refuses it.
     */
    public List<Result> pullAll(String image, Optional<Platform> platform, Credentials credentials,
                                Consumer<Progress> listener, int uid) {
        if (image == null || image.isEmpty()) {
            throw new InvalidArgumentException("fromImage: an image reference is required");
        }
        Reference ref = Reference.parseNormalized(image);
        if (ref.tag() != null || ref.digest() != null) {
            throw new InvalidArgumentException("tag can't be used with --all-tags/-a");
        }
        Repository repo = registries.repository(ref.domain(), ref.path(), credentials, true);
        List<String> tags = repo.tags();
        if (tags.isEmpty()) {
            throw new io.cairn.api.NotFoundException("repository " + repo.registry() + "/" + ref.path() + " has no tags");
        }
        List<Result> results = new ArrayList<>();
        for (String tag : tags) {
            results.add(pull(image, tag, platform, credentials, listener, uid));
        }
        return results;
    }

    /** {@code fromImage} with {@code tag} applied as Docker's API does: a tag, or a digest when it has a colon. */
    static Reference reference(String image, String tag) {
        if (image == null || image.isEmpty()) {
            throw new InvalidArgumentException("fromImage: an image reference is required");
        }
        Reference ref = Reference.parseNormalized(image);
        if (tag != null && !tag.isEmpty()) {
            ref = tag.contains(":") ? ref.withDigest(parseDigest(tag, image)) : ref.withTag(tag);
        }
        return ref.withDefaultTag();
    }

    private static Digest parseDigest(String text, String image) {
        try {
            return Digest.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("invalid reference format: invalid digest \"" + text + "\" for " + image);
        }
    }

    private boolean isIndex(Repository.Fetched f) {
        if (MediaTypes.isIndex(f.mediaType())) {
            return true;
        }
        if (MediaTypes.isManifest(f.mediaType())) {
            return false;
        }
        // a registry that sends no or a generic content type: the document says what it is
        try {
            JsonNode node = Mappers.STRICT.readTree(f.bytes());
            String declared = node.path("mediaType").asText("");
            return MediaTypes.isIndex(declared) || (declared.isEmpty() && node.has("manifests"));
        } catch (IOException e) {
            return false;
        }
    }

    /** The index entry for {@code wanted}: same os and architecture, and variant when one is asked. */
    private Descriptor select(Repository.Fetched top, Platform wanted, Repository repo) {
        Index index = OciJson.read(top.bytes(), Index.class, "index " + top.digest() + " from " + repo.registry());
        int max = registries.config().limits().maxIndexEntries();
        if (index.manifests().size() > max) {
            throw new TooLargeException("index " + top.digest() + " from " + repo.registry() + " lists "
                    + index.manifests().size() + " manifests; the limit is " + max);
        }
        List<String> offered = new ArrayList<>();
        Descriptor fallback = null;
        for (Descriptor d : index.manifests()) {
            Platform p = d.platform();
            if (p == null) {
                continue;
            }
            offered.add(p.toString());
            if (!p.matches(wanted) || !MediaTypes.isManifest(d.mediaType())) {
                continue;
            }
            if (wanted.variant() == null || wanted.variant().equals(p.variant())) {
                return d;
            }
            if (fallback == null && p.variant() == null && "arm64".equals(p.architecture()) && "v8".equals(wanted.variant())) {
                fallback = d;
            }
        }
        if (fallback != null) {
            return fallback;
        }
        throw new io.cairn.api.NotFoundException("no matching manifest for " + wanted + " in the manifest list entries"
                + " of " + repo.registry() + "/" + repo.path() + " (it offers " + String.join(", ", offered) + ")");
    }

    private Manifest manifest(Repository.Fetched fetched, Repository repo, Reference ref) {
        String what = what(repo, ref);
        JsonNode node;
        try {
            node = Mappers.STRICT.readTree(fetched.bytes());
        } catch (IOException e) {
            throw new InvalidArgumentException(what + ": the manifest is not JSON");
        }
        if (node.path("schemaVersion").asInt() == 1) {
            throw new InvalidArgumentException(what + ": Docker image manifest schema 1 is not supported");
        }
        Manifest manifest = OciJson.read(fetched.bytes(), Manifest.class, "manifest " + fetched.digest() + " from "
                + repo.registry());
        int max = registries.config().limits().maxLayers();
        if (manifest.layers().size() > max) {
            throw new TooLargeException(what + ": the manifest lists " + manifest.layers().size()
                    + " layers; the limit is " + max);
        }
        if (!MediaTypes.isConfig(manifest.config().mediaType())) {
            throw new InvalidArgumentException(what + " is not an image (config media type "
                    + manifest.config().mediaType() + ")");
        }
        for (Descriptor layer : manifest.layers()) {
            Optional<Compression> c = Compression.ofLayerMediaType(layer.mediaType());
            if (c.isEmpty()) {
                throw new InvalidArgumentException(what + ": layer " + layer.digest() + " has the unsupported media type "
                        + layer.mediaType());
            }
            if (!Digest.SHA256.equals(layer.digest().algorithm())) {
                throw new InvalidArgumentException(what + ": layer " + layer.digest() + " is not a sha256 digest");
            }
        }
        return manifest;
    }

    private byte[] config(Descriptor descriptor, Repository repo, Reference ref) {
        long max = registries.config().limits().maxConfigBytes();
        if (descriptor.size() > max) {
            throw new TooLargeException(what(repo, ref) + ": the image config is " + descriptor.size()
                    + " bytes; the limit is " + max);
        }
        String what = "image config " + descriptor.digest();
        try (InputStream in = repo.blob(descriptor.digest(), descriptor.size(), what)) {
            byte[] bytes = in.readAllBytes();
            return bytes;
        } catch (IOException e) {
            throw repo.transfer(e, what);
        }
    }

    /**
     * Downloads the layers whose chain ID the engine lacks, at most {@link #PARALLEL} at once; the
     * list holds the verified file of each layer downloaded, null for one already present.
     */
    private List<Path> download(Manifest manifest, List<Digest> chain, Repository repo, Consumer<Progress> progress) {
        List<Path> files = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            files.add(null);
            String shortId = shortId(manifest.layers().get(i).digest());
            if (images.layerKnown(chain.get(i).toString())) {
                progress.accept(Progress.of("Already exists", shortId));
            } else {
                progress.accept(Progress.of("Pulling fs layer", shortId));
                missing.add(i);
            }
        }
        if (missing.isEmpty()) {
            return files;
        }
        try {
            Files.createDirectories(downloads);
        } catch (IOException e) {
            throw new EngineFailureException("pull: cannot create " + downloads + ": " + e.getMessage(), e);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, missing.size()), r -> {
            Thread t = new Thread(r, "cairn-pull");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Path>> futures = new ArrayList<>();
            for (int i : missing) {
                Descriptor layer = manifest.layers().get(i);
                futures.add(pool.submit(() -> fetch(layer, repo, progress)));
            }
            for (int k = 0; k < missing.size(); k++) {
                files.set(missing.get(k), futures.get(k).get());
            }
            return files;
        } catch (ExecutionException e) {
            pool.shutdownNow(); // the other downloads stop: one failure fails the pull
            Throwable cause = e.getCause();
            if (cause instanceof CairnException c) {
                throw c;
            }
            if (cause instanceof IOException io) {
                throw new EngineFailureException("pull: cannot write " + downloads + ": " + io.getMessage(), io);
            }
            throw new EngineFailureException("pull: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.cairn.api.UnavailableException("pull interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    /** One layer into {@code tmp/pulls/<hex>}, renamed there only once every byte checked out. */
    private Path fetch(Descriptor layer, Repository repo, Consumer<Progress> progress) throws IOException {
        Path done = downloads.resolve(layer.digest().hex());
        String shortId = shortId(layer.digest());
        if (Files.isRegularFile(done) && Files.size(done) == layer.size()) {
            // verified by an earlier, interrupted pull of this daemon: resume from it
            progress.accept(Progress.of("Download complete", shortId));
            return done;
        }
        Path part = Files.createTempFile(downloads, layer.digest().hex() + "-", ".part");
        String what = "layer " + layer.digest();
        try {
            try (InputStream in = repo.blob(layer.digest(), layer.size(), what);
                 OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[1 << 16];
                long count = 0;
                long reported = 0;
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    count += n;
                    if (count - reported >= (512 << 10)) {
                        progress.accept(new Progress("Downloading", shortId, count, layer.size()));
                        reported = count;
                    }
                }
            } catch (IOException e) {
                if (e instanceof java.nio.file.FileSystemException) {
                    throw e;
                }
                throw repo.transfer(e, what);
            }
            progress.accept(Progress.of("Verifying Checksum", shortId));
            Files.move(part, done, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            progress.accept(Progress.of("Download complete", shortId));
            return done;
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private static String what(Repository repo, Reference ref) {
        return repo.registry() + "/" + repo.path() + (ref.digest() != null ? "@" + ref.digest() : ":" + ref.tag());
    }

    /** {@code listener} called by one thread at a time: the downloads report from several, a stream takes one writer. */
    static Consumer<Progress> serialized(Consumer<Progress> listener) {
        Object lock = new Object();
        return p -> {
            synchronized (lock) {
                listener.accept(p);
            }
        };
    }

    static String shortId(Digest digest) {
        return digest.hex().substring(0, 12);
    }
}
