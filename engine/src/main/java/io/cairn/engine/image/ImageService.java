package io.cairn.engine.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.ConflictException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.Filters;
import io.cairn.api.HistoryEntry;
import io.cairn.api.ImageDeleteItem;
import io.cairn.api.ImagePruneReport;
import io.cairn.api.ImageSummary;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Images with Docker's semantics over the content store, the layer store and the index. Content is
 * written first and journaled second; operations that write or free content hold one lock, so a
 * deletion never frees a blob that a concurrent load is about to reference (containerd solves the
 * same race with leases).
 */
public final class ImageService {

    public static final Set<String> LIST_FILTERS = Set.of("dangling", "label", "before", "since", "reference");
    public static final Set<String> PRUNE_FILTERS = Set.of("dangling", "label", "until");

    private final Pipeline pipeline;
    private final StateReader state;
    private final ImageContent content;
    private final ReentrantLock contentLock = new ReentrantLock();

    private final java.util.function.BiPredicate<StateReader, String> inUse;

    /**
     * @param inUse whether a container uses an image (state, image ID): such an image cannot be removed
     */
    public ImageService(Pipeline pipeline, StateReader committed, ImageContent content,
                        java.util.function.BiPredicate<StateReader, String> inUse) {
        this.pipeline = pipeline;
        this.state = committed;
        this.content = content;
        this.inUse = inUse;
        content.referencedBy(digest -> committed.get(Families.BLOBS, digest) != null);
    }

    ImageContent content() {
        return content;
    }

    // ---- queries

    /** The image a reference or (short) ID names. */
    public ImageRecord resolve(String reference) {
        return resolve(state, reference);
    }

    static ImageRecord resolve(StateReader state, String reference) {
        if (ImageNames.looksLikeId(reference)) {
            String hex = reference.startsWith("sha256:") ? reference.substring(7) : reference;
            List<ImageRecord> matches = new ArrayList<>();
            state.scan(Families.IMAGES, "sha256:" + hex, (k, v) -> matches.add(read(state, k)) || true);
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
        state.scan(Families.TAGS, "", (k, v) -> {
            TagRecord t = state.read(Families.TAGS, k, TagRecord.class);
            tags.computeIfAbsent(t.id(), x -> new ArrayList<>()).add(t.reference());
            return true;
        });
        return tags;
    }

    public List<ImageRecord> all() {
        List<ImageRecord> images = new ArrayList<>();
        state.scan(Families.IMAGES, "", (k, v) -> images.add(read(state, k)) || true);
        return images;
    }

    /** {@code docker images}: newest first, without the builder's untagged intermediate images. */
    public List<ImageSummary> list(Filters filters) {
        return list(false, filters);
    }

    /**
     * {@code docker images [-a]}: newest first; the untagged images a build made for its steps (kept
     * for its cache) are shown only with {@code all}, as Docker hides intermediate images.
     */
    public List<ImageSummary> list(boolean all, Filters filters) {
        filters.check(LIST_FILTERS);
        Map<String, List<String>> tags = tagsById();
        Long before = filters.has("before") ? createdOf(resolve(filters.get("before").get(0))) : null;
        Long since = filters.has("since") ? createdOf(resolve(filters.get("since").get(0))) : null;
        List<ImageSummary> out = new ArrayList<>();
        for (ImageRecord image : all()) {
            List<String> names = tags.getOrDefault(image.id(), List.of()).stream().map(ImageNames::familiar).toList();
            JsonNode config = config(image);
            Map<String, String> labels = labels(config);
            long created = createdOf(image);
            boolean dangling = names.isEmpty();
            if (!all && dangling && image.action().equals("build")) {
                continue;
            }
            if (!filters.anyOrAbsent("dangling", d -> Boolean.parseBoolean(d) == dangling)
                    || !filters.labelsMatch("label", labels)
                    || (before != null && created >= before) || (since != null && created <= since)
                    || !filters.anyOrAbsent("reference", r -> names.stream().anyMatch(n -> globMatch(r, n)))) {
                continue;
            }
            out.add(new ImageSummary(image.id(), "", names, List.of(), created, image.size(), labels, 0,
                    image.manifestDigest()));
        }
        out.sort(Comparator.comparingLong(ImageSummary::created).reversed().thenComparing(ImageSummary::id));
        return out;
    }

    /** {@code docker image inspect}'s object. */
    public Map<String, Object> inspect(String reference) {
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
        out.put("GraphDriver", Map.of("Name", "overlay", "Data", Map.of("Layers", image.layers())));
        List<String> diffIds = new ArrayList<>();
        config.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
        out.put("RootFS", Map.of("Type", "layers", "Layers", diffIds));
        long tagged = lastTagTime(image.id());
        out.put("Metadata", Map.of("LastTagTime", tagged == 0 ? "0001-01-01T00:00:00Z"
                : DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(0, tagged))));
        out.put("ManifestDigest", image.manifestDigest());
        return out;
    }

    /** {@code docker history}: newest first; layers are matched to the history entries that made them. */
    public List<HistoryEntry> history(String reference) {
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

    /** The config blob of an image, parsed. */
    public JsonNode configOf(ImageRecord image) {
        return config(image);
    }

    /** A layer of the store as an image's content lists it. */
    ImageContent.StoredLayer storedLayer(String chainId) throws IOException {
        LayerRecord record = state.read(Families.LAYERS, chainId, LayerRecord.class);
        var info = content.layers().info(Digest.parse(chainId)).orElseThrow(
                () -> new NotFoundException("layer " + chainId + " is not in the layer store"));
        return new ImageContent.StoredLayer(info, record == null ? info.diffSize() : record.size());
    }

    /** The unpacked directory of a layer (an overlay lowerdir). */
    public java.nio.file.Path layerPath(String chainId) throws IOException {
        return content.layers().path(Digest.parse(chainId));
    }

    JsonNode config(ImageRecord image) {
        try (InputStream in = content.blobs().open(Digest.parse(image.id()))) {
            return ImageContent.JSON.readTree(in);
        } catch (IOException e) {
            throw new EngineFailureException("cannot read the config of image " + image.id() + ": " + e.getMessage(), e);
        }
    }

    // ---- commands

    /** {@code docker tag SOURCE TARGET}. */
    public void tag(String source, String target, int uid) {
        String reference = ImageNames.normalize(target);
        pipeline.execute(s -> {
            ImageRecord image = resolve(s, source);
            return Decision.of(null, ImageDecisions.tag(s, reference, image.id()).toArray(io.cairn.engine.event.Event[]::new));
        }, uid);
    }

    /**
     * {@code docker rmi}: a tag of an image with other tags is only untagged; the last tag or an ID
     * deletes the image (an ID with several tags needs {@code force}); layers and blobs nothing else
     * uses are freed.
     */
    public List<ImageDeleteItem> remove(String reference, boolean force, int uid) {
        return removeImage(reference, force, uid).items();
    }

    /**
     * Removes the image {@code id} if it is the builder's (action {@code build}), untagged and used by
     * no container: {@code builder prune} reclaiming a cache entry's image.
     *
     * @return the bytes of layers freed, 0 when the image stays (or is gone already)
     */
    public long removeUnusedBuildImage(String id, int uid) {
        ImageRecord image;
        try {
            image = resolve(id);
        } catch (NotFoundException gone) {
            return 0;
        }
        if (!image.action().equals("build") || tagsById().containsKey(image.id())) {
            return 0;
        }
        try {
            return removeImage(image.id(), false, uid).freed();
        } catch (NotFoundException | ConflictException inUse) {
            return 0; // removed meanwhile, or a container uses it
        }
    }

    /** What a removal reported and the bytes of layers it freed. */
    record Removed(List<ImageDeleteItem> items, long freed) {
    }

    private Removed removeImage(String reference, boolean force, int uid) {
        contentLock.lock();
        try {
            return pipeline.execute(s -> decideRemove(s, reference, force), uid);
        } finally {
            contentLock.unlock();
        }
    }

    private Decision<Removed> decideRemove(StateReader s, String reference, boolean force) {
        ImageRecord image = resolve(s, reference);
        List<String> tags = tagsOf(s, image.id());
        boolean byTag = !ImageNames.looksLikeId(reference) || !image.id().contains(reference.replace("sha256:", ""));
        if (byTag) {
            String normalized = ImageNames.normalize(reference);
            if (tags.size() > 1) {
                return Decision.of(new Removed(List.of(ImageDeleteItem.untagged(ImageNames.familiar(normalized))), 0),
                        new io.cairn.engine.event.ImageUntagged(normalized, image.id()));
            }
        } else if (tags.size() > 1 && !force) {
            throw new ConflictException("conflict: unable to delete " + shortId(image.id())
                    + " (must be forced) - image is referenced in multiple repositories");
        }
        if (inUse.test(s, image.id())) {
            throw new ConflictException("conflict: unable to delete " + shortId(image.id())
                    + " - image is being used by a container; remove the container first");
        }
        ImageDecisions.Removal removal = ImageDecisions.delete(s, image, tags);
        return new Decision<>(removal.events(), new Removed(removal.report(), removal.freed()), null)
                .then("image-content", () -> free(removal));
    }

    private void free(ImageDecisions.Removal removal) throws IOException {
        for (String layer : removal.layers()) {
            content.layers().remove(Digest.parse(layer));
        }
        for (String blob : removal.blobs()) {
            content.blobs().delete(Digest.parse(blob));
        }
    }

    /**
     * {@code docker image prune}: dangling images, or with {@code all} every image (no container uses
     * one yet). The builder's untagged step images are its cache, not dangling images (as Docker's
     * intermediate images and BuildKit's cache are not): {@code builder prune} removes them, and
     * {@code all} does.
     */
    public ImagePruneReport prune(boolean all, Filters filters, int uid) {
        filters.check(PRUNE_FILTERS);
        boolean danglingOnly = !all && filters.anyOrAbsent("dangling", d -> !d.equals("false"));
        Map<String, List<String>> tags = tagsById();
        List<ImageDeleteItem> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (ImageRecord image : all()) {
            if (danglingOnly && (tags.containsKey(image.id()) || image.action().equals("build"))) {
                continue;
            }
            if (!filters.labelsMatch("label", labels(config(image)))) {
                continue;
            }
            try {
                Removed removed = removeImage(image.id(), true, uid);
                deleted.addAll(removed.items());
                reclaimed += removed.freed();
            } catch (NotFoundException | ConflictException raced) {
                // removed or taken into use meanwhile
            }
        }
        return new ImagePruneReport(deleted, reclaimed);
    }

    /** Stores content and journals the new image, holding the content lock throughout. */
    String commitNew(ContentWriter writer, int uid) {
        return commitNew(writer, id -> List.of(), uid);
    }

    /** As {@link #commitNew(ContentWriter, int)}, journaling {@code extra} events (given the image ID) with it. */
    String commitNew(ContentWriter writer, java.util.function.Function<String, List<io.cairn.engine.event.Event>> extra,
                     int uid) {
        contentLock.lock();
        try {
            NewImage image = writer.write(content);
            return pipeline.execute(s -> {
                List<io.cairn.engine.event.Event> events = new ArrayList<>(ImageDecisions.create(s, image));
                events.addAll(extra.apply(image.id()));
                return new Decision<>(events, image.id(), null);
            }, uid);
        } catch (io.cairn.storage.layer.InvalidLayerException | io.cairn.storage.blob.DigestMismatchException e) {
            // the caller's content is bad, not the engine: name what is wrong, as a 400
            throw new InvalidArgumentException(e.getMessage());
        } catch (IOException e) {
            throw new EngineFailureException("storing image content: " + e.getMessage(), e);
        } finally {
            contentLock.unlock();
        }
    }

    /** Writes an image's content and describes it. */
    @FunctionalInterface
    interface ContentWriter {
        NewImage write(ImageContent content) throws IOException;
    }

    // ---- helpers

    static List<String> tagsOf(StateReader s, String id) {
        List<String> tags = new ArrayList<>();
        s.scan(Families.TAGS, "", (k, v) -> {
            TagRecord t = s.read(Families.TAGS, k, TagRecord.class);
            if (t.id().equals(id)) {
                tags.add(t.reference());
            }
            return true;
        });
        return tags;
    }

    private long lastTagTime(String id) {
        long[] newest = {0};
        state.scan(Families.TAGS, "", (k, v) -> {
            TagRecord t = state.read(Families.TAGS, k, TagRecord.class);
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
    private long createdOf(ImageRecord image) {
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

    static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC));
    }

    private static String lastHistory(JsonNode config, String field) {
        JsonNode history = config.path("history");
        return history.size() == 0 ? "" : history.get(history.size() - 1).path(field).asText("");
    }

    private static Map<String, String> labels(JsonNode config) {
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
