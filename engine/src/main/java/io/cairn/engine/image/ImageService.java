package io.cairn.engine.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.Filters;
import io.cairn.api.HistoryEntry;
import io.cairn.api.ImageDeleteItem;
import io.cairn.api.ImagePruneReport;
import io.cairn.api.ImageSummary;
import io.cairn.engine.event.Event;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Images with Docker's semantics over the content store, the layer store and the index. Content is
 * written first and journaled second; operations that write or free content hold one lock, so a
 * deletion never frees a blob that a concurrent load is about to reference (containerd solves the
 * same race with leases).
 *
 * <p>One entry point, three jobs apart: {@link ImageQueries} reads (resolve, list, inspect,
 * history), {@link NewImages} stores and journals new images, {@link ImageRemoval} untags, deletes
 * and prunes; {@link ImageDecisions} holds the events each journals.
 */
public final class ImageService {

    public static final Set<String> LIST_FILTERS = Set.of("dangling", "label", "before", "since", "reference");
    public static final Set<String> PRUNE_FILTERS = Set.of("dangling", "label", "until");

    private final Pipeline pipeline;
    private final ImageContent content;
    private final ImageQueries queries;
    private final NewImages newImages;
    private final ImageRemoval removal;
    private final StateReader committed;

    /**
     * @param inUse whether a container uses an image (state, image ID): such an image cannot be removed
     */
    public ImageService(Pipeline pipeline, StateReader committed, ImageContent content,
                        BiPredicate<StateReader, String> inUse) {
        this.pipeline = pipeline;
        this.content = content;
        this.committed = committed;
        ReentrantLock contentLock = new ReentrantLock();
        this.queries = new ImageQueries(committed, content);
        this.newImages = new NewImages(pipeline, content, contentLock);
        this.removal = new ImageRemoval(pipeline, queries, content, contentLock, inUse);
        content.referencedBy(digest -> committed.get(Families.BLOBS, digest) != null);
    }

    ImageContent content() {
        return content;
    }

    // ---- queries

    /** The image a reference or (short) ID names. */
    public ImageRecord resolve(String reference) {
        return queries.resolve(reference);
    }

    public List<ImageRecord> all() {
        return queries.all();
    }

    /** {@code docker images}: newest first, without the builder's untagged intermediate images. */
    public List<ImageSummary> list(Filters filters) {
        return queries.list(false, filters);
    }

    /**
     * {@code docker images [-a]}: newest first; the untagged images a build made for its steps (kept
     * for its cache) are shown only with {@code all}, as Docker hides intermediate images.
     */
    public List<ImageSummary> list(boolean all, Filters filters) {
        return queries.list(all, filters);
    }

    /** Per image, the bytes of its layers that another image uses too ({@code docker system df}'s SharedSize). */
    public Map<String, Long> sharedSizes() {
        return queries.sharedSizes();
    }

    /** {@code docker image inspect}'s object. */
    public Map<String, Object> inspect(String reference) {
        return queries.inspect(reference);
    }

    /** {@code docker history}: newest first; layers are matched to the history entries that made them. */
    public List<HistoryEntry> history(String reference) {
        return queries.history(reference);
    }

    /**
     * The config blob of an image, parsed.
     *
     * @throws io.cairn.api.NotFoundException when the image was removed since {@code image} was read
     */
    public JsonNode configOf(ImageRecord image) {
        return queries.config(image);
    }

    /** Whether the index knows the layer {@code chainId}. */
    boolean layerKnown(String chainId) {
        return committed.get(Families.LAYERS, chainId) != null;
    }

    /** The index's record of layer {@code chainId}. */
    LayerRecord layerRecord(String chainId) {
        LayerRecord layer = committed.read(Families.LAYERS, chainId, LayerRecord.class);
        if (layer == null) {
            throw new io.cairn.api.NotFoundException("layer " + chainId + " is not in the index");
        }
        return layer;
    }

    /** What is known of layer {@code diffId}'s {@code compression} form in registries, or null. */
    DistributionRecord distribution(String diffId, String compression) {
        return committed.read(Families.DISTRIBUTION, DistributionRecord.key(diffId, compression), DistributionRecord.class);
    }

    /** Journals {@code events} that change no content (what registries hold). */
    void journal(List<Event> events, int uid) {
        pipeline.execute(s -> Decision.of(null, events.toArray(Event[]::new)), uid);
    }

    /** The image ID a normalized reference names, or null. */
    String tagged(String reference) {
        TagRecord tag = committed.read(Families.TAGS, reference, TagRecord.class);
        return tag == null ? null : tag.id();
    }

    /** The tags of the repository {@code name} (normalized, without a tag), sorted: what a push --all-tags sends. */
    List<String> repositoryTags(String name) {
        List<String> tags = new java.util.ArrayList<>();
        committed.scan(Families.TAGS, name + ":", TagRecord.class, (k, t) -> tags.add(k.substring(name.length() + 1)));
        return tags;
    }

    /** The unpacked directory of a layer (an overlay lowerdir). */
    public Path layerPath(String chainId) throws IOException {
        return queries.layerPath(chainId);
    }

    /** A layer of the store as an image's content lists it. */
    ImageContent.StoredLayer storedLayer(String chainId) throws IOException {
        return queries.storedLayer(chainId);
    }

    // ---- tags and removal

    /** {@code docker tag SOURCE TARGET}. */
    public void tag(String source, String target, int uid) {
        String reference = ImageNames.normalize(target);
        pipeline.execute(s -> Decision.of(null, ImageDecisions.tag(s, reference, ImageQueries.resolve(s, source).id())
                .toArray(Event[]::new)), uid);
    }

    /**
     * {@code docker rmi}: a tag of an image with other tags is only untagged; the last tag or an ID
     * deletes the image (an ID with several tags needs {@code force}); layers and blobs nothing else
     * uses are freed.
     */
    public List<ImageDeleteItem> remove(String reference, boolean force, int uid) {
        return removal.remove(reference, force, uid);
    }

    /**
     * Removes the image {@code id} if it is the builder's (action {@code build}), untagged and used by
     * no container: {@code builder prune} reclaiming a cache entry's image.
     *
     * @return the bytes of layers freed, 0 when the image stays (or is gone already)
     */
    public long removeUnusedBuildImage(String id, int uid) {
        return removal.removeUnusedBuildImage(id, uid);
    }

    /**
     * {@code docker image prune}: dangling images, or with {@code all} every image (no container uses
     * one yet). The builder's untagged step images are its cache, not dangling images (as Docker's
     * intermediate images and BuildKit's cache are not): {@code builder prune} removes them, and
     * {@code all} does.
     */
    public ImagePruneReport prune(boolean all, Filters filters, int uid) {
        return removal.prune(all, filters, uid);
    }

    // ---- new images

    /** Stores content and journals the new image, holding the content lock throughout. */
    String commitNew(ContentWriter writer, int uid) {
        return newImages.commit(writer, id -> List.of(), uid);
    }

    /** As {@link #commitNew(ContentWriter, int)}, journaling {@code extra} events (given the image ID) with it. */
    String commitNew(ContentWriter writer, Function<String, List<Event>> extra, int uid) {
        return newImages.commit(writer, extra, uid);
    }

    /** Writes an image's content and describes it. */
    @FunctionalInterface
    interface ContentWriter {
        NewImage write(ImageContent content) throws IOException;
    }

    /** Now, as an image config's {@code created} states it. */
    static String now() {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.now().atOffset(ZoneOffset.UTC));
    }
}
