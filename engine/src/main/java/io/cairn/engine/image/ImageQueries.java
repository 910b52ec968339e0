package io.cairn.engine.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.EngineFailureException;
import io.cairn.api.Filters;
import io.cairn.api.HistoryEntry;
import io.cairn.api.ImageSummary;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reading part of {@link ImageService}: resolving references, Docker's listings, inspect and
 * history, over the committed index and the content store. Changes nothing.
 */
final class ImageQueries {

    private final StateReader state;
    private final ImageContent content;
    /*
     * An image ID is the digest of its config, so the labels a config holds never change: a listing
     * reads the config only of an image it has not seen (one blob read per image and listing made
     * `images` grow with the number of images, see docs/BENCHMARKS.md's scale section). Each listing
     * drops the IDs no longer in the index, so this never holds more than the images there are.
     */
    private final Map<String, Map<String, String>> labelsById = new java.util.concurrent.ConcurrentHashMap<>();

    ImageQueries(StateReader committed, ImageContent content) {
        this.state = committed;
        this.content = content;
    }

    /** The image a reference or (short) ID names. */
    ImageRecord resolve(String reference) {
        return resolve(state, reference);
    }

    static ImageRecord resolve(StateReader state, String reference) {
        if (ImageNames.looksLikeId(reference)) {
            String hex = reference.startsWith("sha256:") ? reference.substring(7) : reference;
            List<ImageRecord> matches = state.list(Families.IMAGES, "sha256:" + hex, ImageRecord.class);
            if (matches.size() == 1) {
                return matches.get(0);
            }
            if (matches.size() > 1) {
                throw new InvalidArgumentException("ambiguous image ID " + reference + ": " + matches.size() + " images match");
            }
        }
        String normalized;
        try {
            normalized = ImageNames.normalize(reference);
        } catch (InvalidArgumentException e) {
            if (ImageNames.looksLikeId(reference)) {
                throw new NotFoundException("No such image: " + reference);
            }
            throw e;
        }
        TagRecord tag = state.read(Families.TAGS, normalized, TagRecord.class);
        if (tag == null) {
            throw new NotFoundException("No such image: " + reference);
        }
        return read(state, tag.id());
    }

    private static ImageRecord read(StateReader state, String id) {
        ImageRecord image = state.read(Families.IMAGES, id, ImageRecord.class);
        if (image == null) {
            throw new NotFoundException("No such image: " + id);
        }
        return image;
    }

    /** Normalized tags of every image, sorted. */
    Map<String, List<String>> tagsById() {
        Map<String, List<String>> tags = new TreeMap<>();
        state.scan(Families.TAGS, "", TagRecord.class, (k, t) -> {
            tags.computeIfAbsent(t.id(), x -> new ArrayList<>()).add(t.reference());
            return true;
        });
        return tags;
    }

    List<ImageRecord> all() {
        List<ImageRecord> images = new ArrayList<>();
        images.addAll(state.list(Families.IMAGES, "", ImageRecord.class));
        return images;
    }

    /**
     * {@code docker images [-a]}: newest first; the untagged images a build made for its steps (kept
     * for its cache) are shown only with {@code all}, as Docker hides intermediate images.
     */
    List<ImageSummary> list(boolean all, Filters filters) {
        filters.check(ImageService.LIST_FILTERS);
        Map<String, List<String>> tags = tagsById();
        Long before = filters.has("before") ? createdOf(resolve(filters.get("before").get(0))) : null;
        Long since = filters.has("since") ? createdOf(resolve(filters.get("since").get(0))) : null;
        List<ImageSummary> out = new ArrayList<>();
        List<ImageRecord> images = all();
        labelsById.keySet().retainAll(images.stream().map(ImageRecord::id).collect(java.util.stream.Collectors.toSet()));
        for (ImageRecord image : images) {
            List<String> names = tags.getOrDefault(image.id(), List.of()).stream().map(ImageNames::familiar).toList();
            if (filters.has("reference")) {
                // as Docker: the image's tags that match, only; an image none of whose tags match is left out
                names = names.stream().filter(n -> filters.anyOrAbsent("reference", r -> globMatch(r, n))).toList();
                if (names.isEmpty()) {
                    continue;
                }
            }
            Map<String, String> labels = labelsById.get(image.id());
            if (labels == null) {
                try {
                    labels = java.util.Collections.unmodifiableMap(labels(config(image)));
                } catch (NotFoundException removedMeanwhile) {
                    continue;
                }
                labelsById.put(image.id(), labels);
            }
            long created = createdOf(image);
            boolean dangling = names.isEmpty();
            if (!all && dangling && image.action().equals("build")) {
                continue;
            }
            if (!filters.anyOrAbsent("dangling", d -> Boolean.parseBoolean(d) == dangling)
                    || !filters.labelsMatch("label", labels)
                    || (before != null && created >= before) || (since != null && created <= since)) {
                continue;
            }
            out.add(new ImageSummary(image.id(), "", names, List.of(), created, image.size(), -1, labels, -1,
                    image.manifestDigest()));
        }
        out.sort(Comparator.comparingLong(ImageSummary::created).reversed().thenComparing(ImageSummary::id));
        return out;
    }

    /**
     * Per image, the bytes of its layers that another image uses too: {@code docker system df}'s
     * {@code SharedSize}, which removing the image would not free.
     */
    Map<String, Long> sharedSizes() {
        List<ImageRecord> images = all();
        Map<String, Integer> users = new java.util.HashMap<>();
        for (ImageRecord image : images) {
            for (String layer : new java.util.HashSet<>(image.layers())) {
                users.merge(layer, 1, Integer::sum);
            }
        }
        Map<String, Long> shared = new java.util.HashMap<>();
        for (ImageRecord image : images) {
            long bytes = 0;
            for (String layer : new java.util.HashSet<>(image.layers())) {
                if (users.get(layer) > 1) {
                    LayerRecord record = state.read(Families.LAYERS, layer, LayerRecord.class);
                    bytes += record == null ? 0 : record.size();
                }
            }
            shared.put(image.id(), bytes);
        }
        return shared;
    }

    /** {@code docker image inspect}'s object. */
    Map<String, Object> inspect(String reference) {
        ImageRecord image = resolve(reference);
        JsonNode config = config(image);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("Id", image.id());
        out.put("RepoTags", tagsById().getOrDefault(image.id(), List.of()).stream().map(ImageNames::familiar).toList());
        out.put("RepoDigests", List.of());
        out.put("Parent", "");
        out.put("Comment", lastHistory(config, "comment"));
        out.put("Created", config.path("created").asText(""));
        out.put("Author", config.path("author").asText(""));
        out.put("Config", config.path("config"));
        out.put("Architecture", config.path("architecture").asText(""));
        if (config.has("variant")) {
            out.put("Variant", config.path("variant").asText());
        }
        out.put("Os", config.path("os").asText(""));
        out.put("Size", image.size());
        out.put("GraphDriver", Map.of("Name", "overlay", "Data", graphDriverData(image)));
        List<String> diffIds = new ArrayList<>();
        config.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
        out.put("RootFS", Map.of("Type", "layers", "Layers", diffIds));
        long tagged = lastTagTime(image.id());
        out.put("Metadata", Map.of("LastTagTime", tagged == 0 ? "0001-01-01T00:00:00Z"
                : DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(0, tagged))));
        out.put("ManifestDigest", image.manifestDigest());
        return out;
    }

    /**
     * Docker's overlay2 shape, a map of strings (the docker CLI decodes it as one): the top layer's
     * directory as {@code UpperDir}, the ones below it, top first, colon-joined as {@code LowerDir}.
     */
    private Map<String, String> graphDriverData(ImageRecord image) {
        List<String> layers = image.layers();
        if (layers.isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, String> data = new LinkedHashMap<>();
            List<String> lower = new ArrayList<>();
            for (int i = layers.size() - 2; i >= 0; i--) {
                lower.add(layerPath(layers.get(i)).toString());
            }
            if (!lower.isEmpty()) {
                data.put("LowerDir", String.join(":", lower));
            }
            data.put("UpperDir", layerPath(layers.get(layers.size() - 1)).toString());
            return data;
        } catch (IOException e) {
            throw new EngineFailureException("cannot locate the layers of image " + image.id() + ": " + e.getMessage(), e);
        }
    }

    /** {@code docker history}: newest first; layers are matched to the history entries that made them. */
    List<HistoryEntry> history(String reference) {
        ImageRecord image = resolve(reference);
        JsonNode config = config(image);
        List<HistoryEntry> entries = new ArrayList<>();
        int layer = 0;
        for (JsonNode h : config.path("history")) {
            boolean empty = h.path("empty_layer").asBoolean(false);
            long size = 0;
            if (!empty && layer < image.layers().size()) {
                LayerRecord record = state.read(Families.LAYERS, image.layers().get(layer++), LayerRecord.class);
                size = record == null ? 0 : record.size();
            }
            entries.add(new HistoryEntry("<missing>", epochSeconds(h.path("created").asText("")),
                    h.path("created_by").asText(""), List.of(), size, h.path("comment").asText("")));
        }
        if (entries.isEmpty()) {
            entries.add(new HistoryEntry("<missing>", createdOf(image), "", List.of(), image.size(), ""));
        }
        List<HistoryEntry> newestFirst = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            HistoryEntry e = entries.get(i);
            boolean top = i == entries.size() - 1;
            newestFirst.add(top ? new HistoryEntry(image.id(), e.created(), e.createdBy(),
                    tagsById().getOrDefault(image.id(), List.of()).stream().map(ImageNames::familiar).toList(),
                    e.size(), e.comment()) : e);
        }
        return newestFirst;
    }

    /** A layer of the store as an image's content lists it. */
    ImageContent.StoredLayer storedLayer(String chainId) throws IOException {
        LayerRecord record = state.read(Families.LAYERS, chainId, LayerRecord.class);
        var info = content.layers().info(Digest.parse(chainId)).orElseThrow(
                () -> new NotFoundException("layer " + chainId + " is not in the layer store"));
        return new ImageContent.StoredLayer(info, record == null ? info.diffSize() : record.size());
    }

    /** The unpacked directory of a layer (an overlay lowerdir). */
    java.nio.file.Path layerPath(String chainId) throws IOException {
        return content.layers().path(Digest.parse(chainId));
    }

    /**
     * The config blob of an image, parsed.
     *
     * @throws NotFoundException when the image was removed since its record was read (a listing or
     *         prune racing rmi): its config went with it
     */
    JsonNode config(ImageRecord image) {
        try (InputStream in = content.blobs().open(Digest.parse(image.id()))) {
            return ImageContent.JSON.readTree(in);
        } catch (IOException e) {
            if (state.get(Families.IMAGES, image.id()) == null) {
                throw new NotFoundException("No such image: " + image.id());
            }
            throw new EngineFailureException("cannot read the config of image " + image.id() + ": " + e.getMessage(), e);
        }
    }


    static List<String> tagsOf(StateReader s, String id) {
        List<String> tags = new ArrayList<>();
        s.scan(Families.TAGS, "", TagRecord.class, (k, t) -> {
            if (t.id().equals(id)) {
                tags.add(t.reference());
            }
            return true;
        });
        return tags;
    }

    private long lastTagTime(String id) {
        long[] newest = {0};
        state.scan(Families.TAGS, "", TagRecord.class, (k, t) -> {
            if (t.id().equals(id)) {
                newest[0] = Math.max(newest[0], t.taggedNanos());
            }
            return true;
        });
        return newest[0];
    }

    static String shortId(String id) {
        return id.substring(id.indexOf(':') + 1, id.indexOf(':') + 13);
    }

    /** The config's creation time (even the epoch, as reproducible builds write), else when this root got it. */
    long createdOf(ImageRecord image) {
        boolean stated = image.created() != null && !image.created().isEmpty();
        return stated ? epochSeconds(image.created()) : image.createdNanos() / 1_000_000_000L;
    }

    static long epochSeconds(String rfc3339) {
        if (rfc3339 == null || rfc3339.isEmpty()) {
            return 0;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }


    private static String lastHistory(JsonNode config, String field) {
        JsonNode history = config.path("history");
        return history.size() == 0 ? "" : history.get(history.size() - 1).path(field).asText("");
    }

    static Map<String, String> labels(JsonNode config) {
        Map<String, String> labels = new TreeMap<>();
        config.path("config").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** Docker's reference filter: a glob over familiar names ({@code busy*}, {@code busybox:1.*}). */
    private static boolean globMatch(String pattern, String name) {
        String regex = pattern.replace(".", "\\.").replace("*", "[^/]*").replace("?", "[^/]");
        return name.matches(regex) || ImageNames.repository(name).matches(regex);
    }
}
