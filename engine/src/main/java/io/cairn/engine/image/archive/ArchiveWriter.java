package io.cairn.engine.image.archive;

import io.cairn.engine.image.oci.Descriptor;
import io.cairn.engine.image.oci.Index;
import io.cairn.engine.image.oci.Manifest;
import io.cairn.engine.image.oci.MediaTypes;
import io.cairn.engine.image.oci.OciJson;
import io.cairn.engine.image.reference.Reference;
import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes images as one uncompressed tar that both OCI and docker-archive readers accept, as
 * Docker 25+ does: {@code blobs/<alg>/<hex>} (manifests, configs, layers, each once),
 * {@code index.json} (one manifest descriptor per image and tag, annotated with
 * {@code org.opencontainers.image.ref.name} = the tag and {@code io.containerd.image.name} = the
 * full name; one without annotations for an untagged image), {@code manifest.json} (Config,
 * familiar RepoTags, Layers as blob paths), {@code oci-layout} and {@code repositories}.
 *
 * <p>The output is streamed and deterministic: directories first, blobs by digest, then the four
 * metadata files; owner 0:0, modes 0755/0644, mtime 0, PAX headers for long names. The same images
 * give the same bytes. Each image's config must hash to its manifest's config descriptor; each
 * layer is copied from the {@link BlobSource} and must have the size and digest its descriptor
 * declares: otherwise an IOException names the blob, and what was written must be discarded.
 * The output stream is flushed, not closed.
 */
public final class ArchiveWriter {

    private static final Instant MTIME = Instant.EPOCH;

    private final LongConsumer progress;

    /** A writer reporting the running count of bytes written to {@code progress}. */
    public ArchiveWriter(LongConsumer progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** Writes {@code images} (in this order in the metadata) to {@code out}. */
    public void write(List<SavedImage> images, BlobSource blobs, OutputStream out) throws IOException {
        Map<Digest, Blob> contents = new TreeMap<>();
        List<Descriptor> indexEntries = new ArrayList<>();
        List<DockerManifestEntry> dockerEntries = new ArrayList<>();
        Map<String, Map<String, String>> repositories = new TreeMap<>();
        for (SavedImage image : images) {
            Manifest manifest = OciJson.read(image.manifest(), Manifest.class, "manifest to save");
            String mediaType = manifest.mediaType() == null ? MediaTypes.OCI_MANIFEST : manifest.mediaType();
            if (!MediaTypes.isManifest(mediaType)) {
                throw new IllegalArgumentException("cannot save a \"" + mediaType + "\" as an image manifest");
            }
            Digest manifestDigest = Digest.sha256(image.manifest());
            Descriptor config = manifest.config();
            Digest configDigest = Digest.of(config.digest().algorithm(), config.digest().newMessageDigest().digest(image.config()));
            if (!configDigest.equals(config.digest()) || config.size() != image.config().length) {
                throw new IllegalArgumentException("config of manifest " + manifestDigest + " hashes to "
                        + configDigest + " (" + image.config().length + " bytes) but the manifest declares "
                        + config.digest() + " (" + config.size() + " bytes)");
            }
            add(contents, manifestDigest, new Blob(image.manifest().length, image.manifest()));
            add(contents, configDigest, new Blob(image.config().length, image.config()));
            List<String> layerPaths = new ArrayList<>();
            for (Descriptor layer : manifest.layers()) {
                add(contents, layer.digest(), new Blob(layer.size(), null));
                layerPaths.add(path(layer.digest()));
            }

            Set<Reference> tags = new LinkedHashSet<>(image.tags());
            Descriptor entry = Descriptor.of(mediaType, manifestDigest, image.manifest().length);
            if (tags.isEmpty()) {
                indexEntries.add(entry);
            }
            List<String> repoTags = new ArrayList<>();
            for (Reference tag : tags) {
                Reference named = tag.nameOnly().withTag(tag.tag());
                Map<String, String> annotations = new LinkedHashMap<>();
                annotations.put(MediaTypes.ANNOTATION_CONTAINERD_IMAGE_NAME, named.toString());
                annotations.put(MediaTypes.ANNOTATION_REF_NAME, tag.tag());
                indexEntries.add(entry.withAnnotations(annotations));
                repoTags.add(named.familiar());
                if (!manifest.layers().isEmpty()) {
                    repositories.computeIfAbsent(named.familiarName(), n -> new TreeMap<>())
                            .put(tag.tag(), manifest.layers().get(manifest.layers().size() - 1).digest().hex());
                }
            }
            dockerEntries.add(new DockerManifestEntry(path(configDigest), repoTags, layerPaths));
        }

        ByteProgress counted = new ByteProgress(progress);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(counted.counting(out), StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
        directory(tar, "blobs/");
        Set<String> algorithms = new TreeSet<>();
        contents.keySet().forEach(d -> algorithms.add(d.algorithm()));
        for (String algorithm : algorithms) {
            directory(tar, "blobs/" + algorithm + "/");
        }
        for (Map.Entry<Digest, Blob> blob : contents.entrySet()) {
            if (blob.getValue().bytes() != null) {
                file(tar, path(blob.getKey()), blob.getValue().bytes());
            } else {
                layer(tar, blob.getKey(), blob.getValue().size(), blobs);
            }
        }
        file(tar, "index.json", OciJson.write(Index.oci(indexEntries)));
        file(tar, "manifest.json", OciJson.write(dockerEntries));
        file(tar, "oci-layout", OciJson.write(new ArchiveReader.Layout(MediaTypes.OCI_LAYOUT_VERSION)));
        file(tar, "repositories", OciJson.write(repositories));
        tar.finish();
        tar.flush();
        counted.report();
    }

    /** Records a blob once; JSON blobs carry their bytes, layers only their declared size. */
    private static void add(Map<Digest, Blob> contents, Digest digest, Blob blob) {
        Blob known = contents.get(digest);
        if (known != null && known.size() != blob.size()) {
            throw new IllegalArgumentException("blob " + digest + " is declared with sizes " + known.size()
                    + " and " + blob.size());
        }
        if (known == null || (known.bytes() == null && blob.bytes() != null)) {
            contents.put(digest, blob);
        }
    }

    private static String path(Digest digest) {
        return "blobs/" + digest.algorithm() + "/" + digest.hex();
    }

    private static TarArchiveEntry entry(String name, long size, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(mode);
        entry.setModTime(MTIME.toEpochMilli());
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        return entry;
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        tar.putArchiveEntry(entry(name, 0, 040755));
        tar.closeArchiveEntry();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        tar.putArchiveEntry(entry(name, bytes.length, 0100644));
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    /** Copies exactly {@code size} bytes of a layer, checking that they hash to {@code digest}. */
    private static void layer(TarArchiveOutputStream tar, Digest digest, long size, BlobSource blobs) throws IOException {
        tar.putArchiveEntry(entry(path(digest), size, 0100644));
        MessageDigest hash = digest.newMessageDigest();
        byte[] buffer = new byte[1 << 16];
        long copied = 0;
        try (InputStream in = blobs.open(digest)) {
            while (copied < size) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied));
                if (n < 0) {
                    throw new IOException("blob " + digest + " ended after " + copied + " bytes; its descriptor says "
                            + size);
                }
                hash.update(buffer, 0, n);
                tar.write(buffer, 0, n);
                copied += n;
            }
            if (in.read() >= 0) {
                throw new IOException("blob " + digest + " is longer than the " + size + " bytes its descriptor says");
            }
        }
        Digest actual = Digest.of(digest.algorithm(), hash.digest());
        if (!actual.equals(digest)) {
            throw new IOException("blob " + digest + " is damaged: its content hashes to " + actual);
        }
        tar.closeArchiveEntry();
    }

    private record Blob(long size, byte[] bytes) {
    }
}
