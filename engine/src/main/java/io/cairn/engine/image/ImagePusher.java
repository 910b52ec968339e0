package io.cairn.engine.image;

import io.cairn.api.CairnException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.LayerDistributed;
import io.cairn.engine.image.oci.Descriptor;
import io.cairn.engine.image.oci.Manifest;
import io.cairn.engine.image.oci.MediaTypes;
import io.cairn.engine.image.oci.OciJson;
import io.cairn.engine.image.reference.Reference;
import io.cairn.engine.registry.Credentials;
import io.cairn.engine.registry.RegistryClient;
import io.cairn.engine.registry.Repository;
import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code docker push}: each layer is asked for first ({@code HEAD} of the compressed digest the
 * index remembers for it), mounted from another repository of the same registry that holds it, or
 * compressed on the fly (gzip by default, zstd on request) and uploaded as one streamed chunk; the
 * config is uploaded monolithically; the manifest goes last. The compressed digests are journaled
 * ({@link LayerDistributed}), so a second push of the same image sends no blob.
 *
 * <p>Manifests are Docker schema 2 for gzip layers (what Docker pushes, readable everywhere) and OCI
 * for zstd ones (Docker's schema has no zstd layer type). The config is pushed byte for byte, so the
 * image ID is the same in every engine that pulls it.
 */
public final class ImagePusher {

    /** Docker's {@code max-concurrent-uploads} is 5; the disk and the two cores here prefer fewer. */
    static final int PARALLEL = 3;

    /** What a push did: the tag, the manifest digest and its size. */
    public record Result(String tag, String digest, long size) {
    }

    private final ImageService images;
    private final RegistryClient registries;

    public ImagePusher(ImageService images, RegistryClient registries) {
        this.images = images;
        this.registries = registries;
    }

    /**
     * {@code docker push --all-tags}: every local tag of the repository {@code name}, one push each
     * (the second finds the shared layers in the registry and sends only its manifest).
     */
    public List<Result> pushAll(String name, String compression, Credentials credentials,
                                Consumer<ImagePuller.Progress> listener, int uid) {
        Reference ref = Reference.parseNormalized(name);
        if (ref.tag() != null || ref.digest() != null) {
            throw new InvalidArgumentException("tag can't be used with --all-tags/-a");
        }
        List<String> tags = images.repositoryTags(ref.name());
        if (tags.isEmpty()) {
            throw new NotFoundException("An image does not exist locally with the tag: " + ref.familiarName());
        }
        List<Result> results = new ArrayList<>();
        for (String tag : tags) {
            results.add(push(name, tag, compression, credentials, listener, uid));
        }
        return results;
    }

    /** Pushes the local image {@code name} ({@code tag}: the tag, empty for the name's own or latest). */
    public Result push(String name, String tag, String compression, Credentials credentials,
                       Consumer<ImagePuller.Progress> listener, int uid) {
        Consumer<ImagePuller.Progress> progress = ImagePuller.serialized(listener);
        if (!compression.equals("gzip") && !compression.equals("zstd")) {
            throw new InvalidArgumentException("compression: expected gzip or zstd, got \"" + compression + "\"");
        }
        Reference ref = Reference.parseNormalized(name);
        if (tag != null && !tag.isEmpty()) {
            ref = ref.withTag(tag);
        }
        ref = ref.withDefaultTag();
        if (ref.digest() != null) {
            throw new InvalidArgumentException("push: a digest reference cannot be pushed; tag the image and push the tag");
        }
        ImageRecord image;
        try {
            image = images.resolve(ref.toString());
        } catch (NotFoundException e) {
            throw new NotFoundException("An image does not exist locally with the tag: " + ref.familiarName());
        }
        Repository repo = registries.repository(ref.domain(), ref.path(), credentials, false).forPush();
        progress.accept(ImagePuller.Progress.of("The push refers to repository [" + ref.name() + "]"));
        List<String> diffIds = new ArrayList<>();
        for (String chainId : image.layers()) {
            diffIds.add(images.layerRecord(chainId).diffId());
            progress.accept(ImagePuller.Progress.of("Preparing", shortId(diffIds.get(diffIds.size() - 1))));
        }
        List<Event> remembered = Collections.synchronizedList(new ArrayList<>());
        List<Descriptor> layers = pushLayers(diffIds, compression, repo, progress, remembered);
        byte[] config;
        try (InputStream in = images.content().blobs().open(Digest.parse(image.id()))) {
            config = in.readAllBytes();
        } catch (IOException e) {
            throw new EngineFailureException("push: cannot read the config of " + image.id() + ": " + e.getMessage(), e);
        }
        Digest configDigest = Digest.parse(image.id());
        if (!repo.hasBlob(configDigest)) {
            repo.uploadMonolithic(configDigest, config, "image config " + configDigest);
        }
        boolean oci = compression.equals("zstd");
        Manifest manifest = new Manifest(2, oci ? MediaTypes.OCI_MANIFEST : MediaTypes.DOCKER_MANIFEST, null,
                Descriptor.of(oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG, configDigest, config.length),
                layers, null, null);
        byte[] bytes = OciJson.write(manifest);
        Digest digest = repo.putManifest(ref.tag(), manifest.mediaType(), bytes);
        if (!remembered.isEmpty()) {
            images.journal(new ArrayList<>(remembered), uid);
        }
        progress.accept(ImagePuller.Progress.of(ref.tag() + ": digest: " + digest + " size: " + bytes.length));
        return new Result(ref.tag(), digest.toString(), bytes.length);
    }

    private List<Descriptor> pushLayers(List<String> diffIds, String compression, Repository repo,
                                        Consumer<ImagePuller.Progress> progress, List<Event> remembered) {
        if (diffIds.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, diffIds.size()), r -> {
            Thread t = new Thread(r, "cairn-push");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Descriptor>> futures = new ArrayList<>();
            for (String diffId : diffIds) {
                futures.add(pool.submit(() -> pushLayer(diffId, compression, repo, progress, remembered)));
            }
            List<Descriptor> out = new ArrayList<>();
            for (Future<Descriptor> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            pool.shutdownNow();
            if (e.getCause() instanceof CairnException c) {
                throw c;
            }
            throw new EngineFailureException("push: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.cairn.api.UnavailableException("push interrupted");
        } finally {
            pool.shutdownNow();
        }
    }

    private Descriptor pushLayer(String diffId, String compression, Repository repo,
                                 Consumer<ImagePuller.Progress> progress, List<Event> remembered) throws IOException {
        String mediaType = compression.equals("zstd") ? MediaTypes.OCI_LAYER_ZSTD : MediaTypes.DOCKER_LAYER_GZIP;
        String here = repo.registry() + "/" + repo.path();
        String shortId = shortId(diffId);
        DistributionRecord known = images.distribution(diffId, compression);
        if (known != null) {
            Digest digest = Digest.parse(known.digest());
            if (repo.hasBlob(digest)) {
                progress.accept(ImagePuller.Progress.of("Layer already exists", shortId));
                if (!known.repositories().contains(here)) {
                    remembered.add(new LayerDistributed(diffId, compression, known.digest(), known.size(), here));
                }
                return Descriptor.of(mediaType, digest, known.size());
            }
            List<String> sources = new ArrayList<>(known.repositories());
            Collections.reverse(sources);
            for (String source : sources) {
                String prefix = repo.registry() + "/";
                if (source.startsWith(prefix) && !source.equals(here) && repo.mount(digest, source.substring(prefix.length()))) {
                    progress.accept(ImagePuller.Progress.of("Mounted from " + source.substring(prefix.length()), shortId));
                    remembered.add(new LayerDistributed(diffId, compression, known.digest(), known.size(), here));
                    return Descriptor.of(mediaType, digest, known.size());
                }
            }
        }
        progress.accept(ImagePuller.Progress.of("Pushing", shortId));
        Digest local = Digest.parse(diffId);
        CompressingStream.Producer producer = new CompressingStream.Producer(
                () -> images.content().blobs().open(local), compression);
        Repository.Sent sent = repo.uploadStreamed(producer, "layer " + diffId);
        progress.accept(ImagePuller.Progress.of("Pushed", shortId));
        remembered.add(new LayerDistributed(diffId, compression, sent.digest().toString(), sent.size(), here));
        return Descriptor.of(mediaType, sent.digest(), sent.size());
    }

    private static String shortId(String digest) {
        return Digest.parse(digest).hex().substring(0, 12);
    }
}
