package io.cairn.engine.image;

import io.cairn.api.ConflictException;
import io.cairn.api.Filters;
import io.cairn.api.ImageDeleteItem;
import io.cairn.api.ImagePruneReport;
import io.cairn.api.NotFoundException;
import io.cairn.engine.event.ImageUntagged;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.state.StateReader;
import io.cairn.storage.digest.Digest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiPredicate;

/**
 * The deleting part of {@link ImageService}: {@code rmi} (untag, or delete and free what nothing
 * else references), the builder's cache images, {@code image prune}. Holds the content lock while
 * it decides and frees, so a deletion never frees content a concurrent store is about to reference.
 */
final class ImageRemoval {

    private final Pipeline pipeline;
    private final ImageQueries queries;
    private final ImageContent content;
    private final ReentrantLock contentLock;
    private final BiPredicate<StateReader, String> inUse;

    ImageRemoval(Pipeline pipeline, ImageQueries queries, ImageContent content, ReentrantLock contentLock,
                 BiPredicate<StateReader, String> inUse) {
        this.pipeline = pipeline;
        this.queries = queries;
        this.content = content;
        this.contentLock = contentLock;
        this.inUse = inUse;
    }

    /** See {@link ImageService#remove}. */
    List<ImageDeleteItem> remove(String reference, boolean force, int uid) {
        return removeImage(reference, force, uid).items();
    }

    /** See {@link ImageService#removeUnusedBuildImage}. */
    long removeUnusedBuildImage(String id, int uid) {
        ImageRecord image;
        try {
            image = queries.resolve(id);
        } catch (NotFoundException gone) {
            return 0;
        }
        if (!image.action().equals("build") || queries.tagsById().containsKey(image.id())) {
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
        ImageRecord image = ImageQueries.resolve(s, reference);
        List<String> tags = ImageQueries.tagsOf(s, image.id());
        boolean byTag = !ImageNames.looksLikeId(reference) || !image.id().contains(reference.replace("sha256:", ""));
        if (byTag) {
            String normalized = ImageNames.normalize(reference);
            if (tags.size() > 1) {
                return Decision.of(new Removed(List.of(ImageDeleteItem.untagged(ImageNames.familiar(normalized))), 0),
                        new ImageUntagged(normalized, image.id()));
            }
        } else if (tags.size() > 1 && !force) {
            throw new ConflictException("conflict: unable to delete " + ImageQueries.shortId(image.id())
                    + " (must be forced) - image is referenced in multiple repositories");
        }
        if (inUse.test(s, image.id())) {
            throw new ConflictException("conflict: unable to delete " + ImageQueries.shortId(image.id())
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

    /** See {@link ImageService#prune}. */
    ImagePruneReport prune(boolean all, Filters filters, int uid) {
        filters.check(ImageService.PRUNE_FILTERS);
        boolean danglingOnly = !all && filters.anyOrAbsent("dangling", d -> !d.equals("false"));
        Map<String, List<String>> tags = queries.tagsById();
        List<ImageDeleteItem> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (ImageRecord image : queries.all()) {
            if (danglingOnly && (tags.containsKey(image.id()) || image.action().equals("build"))) {
                continue;
            }
            try {
                if (filters.has("label") && !filters.labelsMatch("label", ImageQueries.labels(queries.config(image)))) {
                    continue;
                }
                Removed removed = removeImage(image.id(), true, uid);
                deleted.addAll(removed.items());
                reclaimed += removed.freed();
            } catch (NotFoundException | ConflictException raced) {
                // removed or taken into use meanwhile
            }
        }
        return new ImagePruneReport(deleted, reclaimed);
    }
}
