package io.cairn.engine.image;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cairn.engine.event.Event;
import io.cairn.storage.digest.Digest;
import io.cairn.storage.layer.PackOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a writable layer (an overlay upperdir: whiteouts as 0/0 devices, opaque directories by
 * xattr) into a new image on top of its parent: one more layer, the parent's config with the
 * container's settings and the changes applied, one more history entry. The parent image and its
 * layers are not touched.
 */
public final class ImageCommitter {

    /** What the new image records besides its layer. */
    public record Commit(Map<String, Object> config, String author, String comment, String createdBy,
                         Optional<String> reference, Optional<Long> sourceDateEpoch) {
    }

    /**
     * A new layer in overlay upperdir form. {@code owned}: the caller gives the directory up, so
     * the layer store may take it as the layer itself (it is moved away, and its times and overlay
     * xattrs are normalized on the way) instead of unpacking a copy of its tar; otherwise it is
     * only read.
     */
    public record Upper(Path dir, boolean owned) {
        /** A directory the committer may take (a staged COPY tree, a finished RUN container's upper). */
        public static Upper owned(Path dir) {
            return new Upper(dir, true);
        }

        /** A directory the committer only reads. */
        public static Upper borrowed(Path dir) {
            return new Upper(dir, false);
        }
    }

    private final ImageService images;
    private final Path tmp;

    public ImageCommitter(ImageService images, Path tmp) {
        this.images = images;
        this.tmp = tmp;
    }

    /**
     * Commits {@code upper} on top of {@code parent}; {@code extraEvents} (e.g. the container's own
     * commit event, given the new image ID) are journaled in the same decision.
     *
     * @return the new image's ID
     */
    public String commit(ImageRecord parent, Path upper, Commit commit, Function<String, List<Event>> extraEvents,
                         int uid) {
        List<String> tags = commit.reference().map(r -> List.of(ImageNames.normalize(r))).orElse(List.of());
        return images.commitNew(content -> {
            PackOptions options = commit.sourceDateEpoch().map(PackOptions.defaults()::withSourceDateEpoch)
                    .orElse(PackOptions.defaults());
            List<ImageContent.StoredLayer> layers = new ArrayList<>();
            for (String chainId : parent.layers()) {
                layers.add(images.storedLayer(chainId));
            }
            Optional<Digest> top = parent.layers().isEmpty() ? Optional.empty()
                    : Optional.of(Digest.parse(parent.layers().get(parent.layers().size() - 1)));
            ImageContent.StoredLayer stored = content.packLayer(upper, top, options);
            layers.add(stored);
            Map<String, Object> config = newConfig(images.configOf(parent), commit, stored.info().diffId());
            byte[] configBytes = ImageContent.JSON.writeValueAsBytes(config);
            Digest configDigest = content.blobs().put(configBytes);
            byte[] manifest = ImageContent.JSON.writeValueAsBytes(content.manifest(configDigest, configBytes.length, layers));
            Digest manifestDigest = content.blobs().put(manifest);
            return new NewImage(configDigest.toString(), configBytes.length, manifestDigest.toString(),
                    manifest.length, layers, config.get("created").toString(), "commit", tags);
        }, extraEvents, uid);
    }

    /**
     * A builder's image: {@code parent}'s layers (none for {@code FROM scratch}), then {@code upper}
     * as one more layer when present (taken, not copied, when {@link Upper#owned}), under a config the caller composed whole
     * (history included). The config's {@code rootfs.diff_ids} must list the parent's layers; the
     * new layer's diffID is appended to it. {@code tags} (references) are pointed at the result.
     *
     * @return the new image's ID
     */
    public String build(Optional<ImageRecord> parent, Optional<Upper> upper, Map<String, Object> config,
                        Optional<Long> sourceDateEpoch, List<String> tags, Function<String, List<Event>> extraEvents,
                        int uid) {
        List<String> normalized = tags.stream().map(ImageNames::normalize).toList();
        List<String> parentLayers = parent.map(ImageRecord::layers).orElse(List.of());
        return images.commitNew(content -> {
            List<ImageContent.StoredLayer> layers = new ArrayList<>();
            for (String chainId : parentLayers) {
                layers.add(images.storedLayer(chainId));
            }
            Map<String, Object> out = new LinkedHashMap<>(config);
            if (upper.isPresent()) {
                PackOptions options = sourceDateEpoch.map(PackOptions.defaults()::withSourceDateEpoch)
                        .orElse(PackOptions.defaults());
                Optional<Digest> top = parentLayers.isEmpty() ? Optional.empty()
                        : Optional.of(Digest.parse(parentLayers.get(parentLayers.size() - 1)));
                ImageContent.StoredLayer stored = upper.get().owned()
                        ? content.adoptLayer(upper.get().dir(), top, options, tmp)
                        : content.packLayer(upper.get().dir(), top, options);
                layers.add(stored);
                @SuppressWarnings("unchecked")
                Map<String, Object> rootfs = new LinkedHashMap<>((Map<String, Object>) out.getOrDefault("rootfs", Map.of()));
                List<Object> diffIds = new ArrayList<>((List<?>) rootfs.getOrDefault("diff_ids", List.of()));
                diffIds.add(stored.info().diffId().toString());
                rootfs.put("type", "layers");
                rootfs.put("diff_ids", diffIds);
                out.put("rootfs", rootfs);
            }
            byte[] configBytes = ImageContent.JSON.writeValueAsBytes(out);
            Digest configDigest = content.blobs().put(configBytes);
            byte[] manifest = ImageContent.JSON.writeValueAsBytes(content.manifest(configDigest, configBytes.length, layers));
            Digest manifestDigest = content.blobs().put(manifest);
            return new NewImage(configDigest.toString(), configBytes.length, manifestDigest.toString(),
                    manifest.length, layers, String.valueOf(out.getOrDefault("created", "")), "build", normalized);
        }, extraEvents, uid);
    }

    private static Map<String, Object> newConfig(com.fasterxml.jackson.databind.JsonNode parent, Commit commit,
                                                 Digest diffId) {
        Map<String, Object> config = ImageContent.JSON.convertValue(parent, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        String created = commit.sourceDateEpoch()
                .map(s -> java.time.Instant.ofEpochSecond(s).toString()).orElseGet(ImageService::now);
        config.put("created", created);
        if (commit.author() != null && !commit.author().isEmpty()) {
            config.put("author", commit.author());
        }
        config.put("config", commit.config());
        @SuppressWarnings("unchecked")
        Map<String, Object> rootfs = new LinkedHashMap<>((Map<String, Object>) config.getOrDefault("rootfs", Map.of()));
        List<Object> diffIds = new ArrayList<>((List<?>) rootfs.getOrDefault("diff_ids", List.of()));
        diffIds.add(diffId.toString());
        rootfs.put("type", "layers");
        rootfs.put("diff_ids", diffIds);
        config.put("rootfs", rootfs);
        List<Object> history = new ArrayList<>((List<?>) config.getOrDefault("history", List.of()));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("created", created);
        if (commit.author() != null && !commit.author().isEmpty()) {
            entry.put("author", commit.author());
        }
        entry.put("created_by", commit.createdBy());
        if (commit.comment() != null && !commit.comment().isEmpty()) {
            entry.put("comment", commit.comment());
        }
        history.add(entry);
        config.put("history", history);
        return config;
    }
}
