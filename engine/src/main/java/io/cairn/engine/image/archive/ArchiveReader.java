package io.cairn.engine.image.archive;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.image.oci.Compression;
import io.cairn.engine.image.oci.Descriptor;
import io.cairn.engine.image.oci.ImageConfig;
import io.cairn.engine.image.oci.Index;
import io.cairn.engine.image.oci.Manifest;
import io.cairn.engine.image.oci.MediaTypes;
import io.cairn.engine.image.oci.OciJson;
import io.cairn.engine.image.oci.Platform;
import io.cairn.engine.image.reference.Reference;
import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the images in an archive staged by {@link ArchiveStager}.
 *
 * <p>Formats: an OCI image layout ({@code oci-layout} + {@code index.json}; nested indexes are
 * followed and a multi-platform index yields the manifest for {@code platform}), and Docker's
 * docker-archive ({@code manifest.json}; layers as legacy {@code <id>/layer.tar} or Docker 25+
 * {@code blobs/sha256/<hex>} paths, symlinked repeats allowed). When both are present (Docker 25+,
 * Cairn) the OCI layout is read and {@code manifest.json}'s RepoTags are added by config digest.
 *
 * <p>Tags: {@code io.containerd.image.name} when present, else
 * {@code org.opencontainers.image.ref.name} when it is a reference (has {@code /}, {@code :} or
 * {@code @}); a ref.name that is only a tag lands in {@link ArchiveImage#bareTags()}. Images that
 * share a config are merged, their tags combined.
 *
 * <p>Verified here: every JSON blob (index, manifest, config) against its descriptor's digest and
 * size, a docker-archive config against the digest its file name declares, layer files' existence
 * and (when declared) size, and that each manifest has as many layers as its config has diff_ids.
 * Not verified: layer contents, which the caller hashes while unpacking. A malformed archive is an
 * {@link InvalidArgumentException} naming the file and field.
 */
public final class ArchiveReader {

    /** JSON documents larger than this are refused rather than read into memory. */
    static final long MAX_JSON_BYTES = 16L << 20;
    private static final int MAX_INDEX_DEPTH = 8;
    private static final Pattern BLOB_PATH = Pattern.compile("blobs/(sha256|sha512)/([a-f0-9]+)");
    private static final Pattern LEGACY_CONFIG = Pattern.compile("(?:.*/)?([a-f0-9]{64})\\.json");

    private final Platform platform;

    /** A reader that picks {@code platform}'s manifest from multi-platform indexes. */
    public ArchiveReader(Platform platform) {
        this.platform = Objects.requireNonNull(platform, "platform");
    }

    /** A reader for this host's platform ({@link Platform#host()}). */
    public ArchiveReader() {
        this(Platform.host());
    }

    /** The images of the archive staged in {@code staged}, in archive order. */
    public List<ArchiveImage> read(Path staged) throws IOException {
        Path root = staged.toRealPath();
        boolean layout = Files.exists(root.resolve("oci-layout"), LinkOption.NOFOLLOW_LINKS);
        boolean index = Files.exists(root.resolve("index.json"), LinkOption.NOFOLLOW_LINKS);
        boolean docker = Files.exists(root.resolve("manifest.json"), LinkOption.NOFOLLOW_LINKS);
        Map<Digest, Builder> images = new LinkedHashMap<>();
        if (layout || index) {
            if (!layout) {
                throw new InvalidArgumentException("image archive has index.json but no oci-layout file");
            }
            if (!index) {
                throw new InvalidArgumentException("image archive has an oci-layout file but no index.json");
            }
            new Oci(root).read(images);
            if (docker) {
                addDockerTags(root, images);
            }
        } else if (docker) {
            readDocker(root, images);
        } else {
            throw new InvalidArgumentException("not an image archive: it has neither index.json (OCI layout)"
                    + " nor manifest.json (docker-archive) at its top");
        }
        if (images.isEmpty()) {
            throw new InvalidArgumentException("image archive holds no image");
        }
        return images.values().stream().map(Builder::build).toList();
    }

    /** Reads the OCI layout rooted at {@code root}. */
    private final class Oci {
        private final Path root;

        Oci(Path root) {
            this.root = root;
        }

        void read(Map<Digest, Builder> images) throws IOException {
            byte[] layoutJson = json(root, "oci-layout", "oci-layout");
            Layout layoutFile = OciJson.read(layoutJson, Layout.class, "oci-layout");
            if (layoutFile.imageLayoutVersion() == null || !layoutFile.imageLayoutVersion().startsWith("1.")) {
                throw new InvalidArgumentException("oci-layout: unsupported imageLayoutVersion \""
                        + layoutFile.imageLayoutVersion() + "\" (expected 1.x)");
            }
            Index index = OciJson.read(json(root, "index.json", "index.json"), Index.class, "index.json");
            List<Descriptor> entries = forPlatform(index.manifests(), "index.json", true);
            for (int i = 0; i < index.manifests().size(); i++) {
                Descriptor entry = index.manifests().get(i);
                if (!entries.contains(entry)) {
                    continue;
                }
                String where = "index.json manifests[" + i + "]";
                Descriptor manifest = resolve(entry, where, 0);
                Builder image = manifestImage(manifest, where, images);
                addTags(image, entry, where);
            }
        }

        /** The manifest descriptor {@code entry} leads to, choosing by platform through indexes. */
        private Descriptor resolve(Descriptor entry, String where, int depth) throws IOException {
            if (MediaTypes.isManifest(entry.mediaType())) {
                return entry;
            }
            if (!MediaTypes.isIndex(entry.mediaType())) {
                throw new InvalidArgumentException(where + ": unsupported media type \"" + entry.mediaType()
                        + "\" (expected an image manifest or index)");
            }
            if (depth >= MAX_INDEX_DEPTH) {
                throw new InvalidArgumentException(where + ": indexes nested deeper than " + MAX_INDEX_DEPTH);
            }
            String what = "index " + entry.digest() + " (" + where + ")";
            Index nested = OciJson.read(blob(entry, what), Index.class, what);
            List<Descriptor> chosen = forPlatform(nested.manifests(), what, false);
            return resolve(chosen.get(0), "index " + entry.digest() + " manifests["
                    + nested.manifests().indexOf(chosen.get(0)) + "]", depth + 1);
        }

        private Builder manifestImage(Descriptor descriptor, String where, Map<Digest, Builder> images)
                throws IOException {
            String what = "manifest " + descriptor.digest() + " (" + where + ")";
            Manifest manifest = OciJson.read(blob(descriptor, what), Manifest.class, what);
            if (manifest.mediaType() != null && !MediaTypes.isManifest(manifest.mediaType())) {
                throw new InvalidArgumentException(what + ": media type \"" + manifest.mediaType()
                        + "\" is not an image manifest");
            }
            Descriptor configDescriptor = manifest.config();
            if (!MediaTypes.isConfig(configDescriptor.mediaType())) {
                throw new InvalidArgumentException(what + ": config media type \"" + configDescriptor.mediaType()
                        + "\" is not an image config");
            }
            String configWhat = "config " + configDescriptor.digest() + " of " + what;
            byte[] configBytes = blob(configDescriptor, configWhat);
            ImageConfig config = OciJson.read(configBytes, ImageConfig.class, configWhat);
            checkLayerCount(manifest.layers().size(), config, what, configDescriptor.digest());
            List<ArchiveLayer> layers = new ArrayList<>();
            for (int i = 0; i < manifest.layers().size(); i++) {
                Descriptor layer = manifest.layers().get(i);
                String layerWhat = "layer " + i + " of " + what;
                Compression compression = Compression.ofLayerMediaType(layer.mediaType())
                        .orElseThrow(() -> new InvalidArgumentException(layerWhat + ": unknown media type \""
                                + layer.mediaType() + "\""));
                Path file = blobFile(layer, layerWhat);
                if (Files.size(file) != layer.size()) {
                    throw new InvalidArgumentException(layerWhat + ": blob " + layer.digest() + " has "
                            + Files.size(file) + " bytes but its descriptor says " + layer.size());
                }
                layers.add(new ArchiveLayer(file, layer.digest(), layer.mediaType(), compression,
                        config.diffIds().get(i)));
            }
            return images.computeIfAbsent(configDescriptor.digest(),
                    d -> new Builder(d, configBytes, config, layers, descriptor));
        }

        private void addTags(Builder image, Descriptor entry, String where) {
            String name = entry.annotation(MediaTypes.ANNOTATION_CONTAINERD_IMAGE_NAME);
            String refName = entry.annotation(MediaTypes.ANNOTATION_REF_NAME);
            if (name != null) {
                image.repoTags.add(parseTag(name, where + " annotation " + MediaTypes.ANNOTATION_CONTAINERD_IMAGE_NAME));
            } else if (refName != null) {
                if (refName.indexOf('/') >= 0 || refName.indexOf(':') >= 0 || refName.indexOf('@') >= 0) {
                    image.repoTags.add(parseTag(refName, where + " annotation " + MediaTypes.ANNOTATION_REF_NAME));
                } else {
                    image.bareTags.add(refName);
                }
            }
        }

        /** Reads a JSON blob, verifying size and digest. */
        private byte[] blob(Descriptor descriptor, String what) throws IOException {
            Path file = blobFile(descriptor, what);
            if (descriptor.size() > MAX_JSON_BYTES || Files.size(file) > MAX_JSON_BYTES) {
                throw new InvalidArgumentException(what + ": larger than " + MAX_JSON_BYTES + " bytes");
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != descriptor.size()) {
                throw new InvalidArgumentException(what + ": blob has " + bytes.length
                        + " bytes but its descriptor says " + descriptor.size());
            }
            checkDigest(bytes, descriptor.digest(), what);
            return bytes;
        }

        private Path blobFile(Descriptor descriptor, String what) throws IOException {
            Digest digest = descriptor.digest();
            return StagedPaths.regularFile(root, "blobs/" + digest.algorithm() + "/" + digest.hex(),
                    "blob " + digest + " of " + what + ",");
        }
    }

    /**
     * Entries of an index for the wanted platform: at the top of a layout every entry without a
     * platform is an image of its own; inside a nested index one manifest is chosen (the first
     * matching one, else the only one without a platform).
     */
    private List<Descriptor> forPlatform(List<Descriptor> entries, String what, boolean topLevel) {
        List<Descriptor> matching = entries.stream()
                .filter(d -> d.platform() != null && d.platform().matches(platform)).toList();
        List<Descriptor> unlabelled = entries.stream().filter(d -> d.platform() == null).toList();
        if (topLevel) {
            List<Descriptor> kept = entries.stream()
                    .filter(d -> d.platform() == null || d.platform().matches(platform)).toList();
            if (kept.isEmpty() && !entries.isEmpty()) {
                throw noPlatform(entries, what);
            }
            return kept;
        }
        if (!matching.isEmpty()) {
            return List.of(matching.get(0));
        }
        if (unlabelled.size() == 1) {
            return unlabelled;
        }
        throw noPlatform(entries, what);
    }

    private InvalidArgumentException noPlatform(List<Descriptor> entries, String what) {
        String found = entries.stream()
                .map(d -> d.platform() == null ? "unspecified" : d.platform().toString())
                .distinct().collect(Collectors.joining(", "));
        return new InvalidArgumentException(what + ": no image for " + platform + " (it has: "
                + (found.isEmpty() ? "nothing" : found) + ")");
    }

    private static void readDocker(Path root, Map<Digest, Builder> images) throws IOException {
        List<DockerManifestEntry> entries = dockerManifest(root);
        for (int i = 0; i < entries.size(); i++) {
            DockerManifestEntry entry = entries.get(i);
            String where = "manifest.json[" + i + "]";
            if (entry.config() == null) {
                throw new InvalidArgumentException(where + ": no Config");
            }
            List<String> layerPaths = entry.layers() == null ? List.of() : entry.layers();
            Path configFile = StagedPaths.regularFile(root, entry.config(), where + " Config");
            if (Files.size(configFile) > MAX_JSON_BYTES) {
                throw new InvalidArgumentException(where + " Config \"" + entry.config() + "\": larger than "
                        + MAX_JSON_BYTES + " bytes");
            }
            byte[] configBytes = Files.readAllBytes(configFile);
            Digest declared = declaredConfigDigest(entry.config());
            Digest configDigest = declared != null ? declared : Digest.sha256(configBytes);
            String what = where + " Config \"" + entry.config() + "\"";
            checkDigest(configBytes, configDigest, what);
            ImageConfig config = OciJson.read(configBytes, ImageConfig.class, what);
            checkLayerCount(layerPaths.size(), config, where, configDigest);
            List<ArchiveLayer> layers = new ArrayList<>();
            for (int j = 0; j < layerPaths.size(); j++) {
                String path = layerPaths.get(j);
                String layerWhat = where + " Layers[" + j + "]";
                Path file = StagedPaths.regularFile(root, path, layerWhat);
                Matcher m = BLOB_PATH.matcher(StagedPaths.clean(path, layerWhat));
                Digest digest = m.matches() ? parseDigest(m.group(1), m.group(2), layerWhat) : null;
                layers.add(new ArchiveLayer(file, digest, null, Compression.DETECT, config.diffIds().get(j)));
            }
            Builder image = images.computeIfAbsent(configDigest,
                    d -> new Builder(d, configBytes, config, layers, null));
            addRepoTags(image, entry, where);
        }
    }

    /** Docker 25+ writes both formats: the OCI side is read, manifest.json contributes its RepoTags. */
    private static void addDockerTags(Path root, Map<Digest, Builder> images) throws IOException {
        List<DockerManifestEntry> entries = dockerManifest(root);
        for (int i = 0; i < entries.size(); i++) {
            DockerManifestEntry entry = entries.get(i);
            if (entry.config() == null) {
                continue;
            }
            Digest configDigest = declaredConfigDigest(entry.config());
            Builder image = configDigest == null ? null : images.get(configDigest);
            if (image != null) {
                addRepoTags(image, entry, "manifest.json[" + i + "]");
            }
        }
    }

    private static void addRepoTags(Builder image, DockerManifestEntry entry, String where) {
        if (entry.repoTags() == null) {
            return;
        }
        for (int k = 0; k < entry.repoTags().size(); k++) {
            image.repoTags.add(parseTag(entry.repoTags().get(k), where + " RepoTags[" + k + "]"));
        }
    }

    private static List<DockerManifestEntry> dockerManifest(Path root) throws IOException {
        return List.of(OciJson.read(json(root, "manifest.json", "manifest.json"),
                DockerManifestEntry[].class, "manifest.json"));
    }

    /** The digest a docker-archive config path declares: {@code blobs/<alg>/<hex>} or {@code <hex>.json}. */
    private static Digest declaredConfigDigest(String path) {
        String clean = StagedPaths.clean(path, "config path");
        Matcher blob = BLOB_PATH.matcher(clean);
        if (blob.matches()) {
            return parseDigest(blob.group(1), blob.group(2), "config path \"" + path + "\"");
        }
        Matcher legacy = LEGACY_CONFIG.matcher(clean);
        return legacy.matches() ? new Digest(Digest.SHA256, legacy.group(1)) : null;
    }

    private static Digest parseDigest(String algorithm, String hex, String what) {
        try {
            return new Digest(algorithm, hex);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(what + ": not a valid blob name " + algorithm + ":" + hex);
        }
    }

    private static void checkDigest(byte[] bytes, Digest expected, String what) {
        Digest actual = Digest.of(expected.algorithm(), expected.newMessageDigest().digest(bytes));
        if (!actual.equals(expected)) {
            throw new InvalidArgumentException(what + ": content does not match digest " + expected
                    + " (it hashes to " + actual + ")");
        }
    }

    private static void checkLayerCount(int layers, ImageConfig config, String what, Digest configDigest) {
        if (layers != config.diffIds().size()) {
            throw new InvalidArgumentException(what + ": " + layers + " layers but config " + configDigest
                    + " has " + config.diffIds().size() + " rootfs.diff_ids");
        }
    }

    private static Reference parseTag(String text, String what) {
        try {
            return Reference.parse(text);
        } catch (InvalidArgumentException e) {
            throw new InvalidArgumentException(what + ": " + e.getMessage());
        }
    }

    private static byte[] json(Path root, String name, String what) throws IOException {
        Path file = StagedPaths.regularFile(root, name, what);
        if (Files.size(file) > MAX_JSON_BYTES) {
            throw new InvalidArgumentException(what + ": larger than " + MAX_JSON_BYTES + " bytes");
        }
        return Files.readAllBytes(file);
    }

    /** The {@code oci-layout} file. */
    record Layout(String imageLayoutVersion) {
    }

    /** Collects one image's parts while tags accumulate. */
    private static final class Builder {
        final Digest configDigest;
        final byte[] configBytes;
        final ImageConfig config;
        final List<ArchiveLayer> layers;
        final Descriptor manifest;
        final Set<Reference> repoTags = new LinkedHashSet<>();
        final Set<String> bareTags = new LinkedHashSet<>();

        Builder(Digest configDigest, byte[] configBytes, ImageConfig config, List<ArchiveLayer> layers,
                Descriptor manifest) {
            this.configDigest = configDigest;
            this.configBytes = configBytes;
            this.config = config;
            this.layers = layers;
            this.manifest = manifest;
        }

        ArchiveImage build() {
            return new ArchiveImage(configDigest, configBytes, config, layers, List.copyOf(repoTags),
                    List.copyOf(bareTags), manifest);
        }
    }
}
