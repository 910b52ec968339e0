package io.cairn.engine.image;

import io.cairn.api.ImageDeleteItem;
import io.cairn.engine.event.BlobRemoved;
import io.cairn.engine.event.BlobStored;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.ImageCreated;
import io.cairn.engine.event.ImageDeleted;
import io.cairn.engine.event.ImageTagged;
import io.cairn.engine.event.ImageUntagged;
import io.cairn.engine.event.LayerRegistered;
import io.cairn.engine.event.LayerReleased;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import io.cairn.storage.layer.LayerInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Pure functions from the state and a request to the events an image operation journals. */
final class ImageDecisions {

    private ImageDecisions() {
    }

    /** Events that make a stored image known: new blobs, new layers, the image, its tags. */
    static List<Event> create(StateReader state, NewImage image) {
        List<Event> events = new ArrayList<>();
        Set<String> blobs = new LinkedHashSet<>();
        blob(state, events, blobs, image.id(), ImageContent.CONFIG, image.configSize());
        blob(state, events, blobs, image.manifestDigest(), ImageContent.MANIFEST, image.manifestSize());
        List<String> chain = new ArrayList<>();
        long size = 0;
        Set<String> layers = new LinkedHashSet<>();
        for (ImageContent.StoredLayer stored : image.layers()) {
            LayerInfo info = stored.info();
            String chainId = info.chainId().toString();
            blob(state, events, blobs, info.diffId().toString(), ImageContent.LAYER_TAR, stored.tarSize());
            if (state.get(Families.LAYERS, chainId) == null && layers.add(chainId)) {
                events.add(new LayerRegistered(chainId, info.diffId().toString(),
                        info.parent().map(Object::toString).orElse(null), info.treeDigest().toString(), info.diffSize()));
            }
            chain.add(chainId);
            size += stored.tarSize();
        }
        if (state.get(Families.IMAGES, image.id()) == null) {
            events.add(new ImageCreated(image.id(), image.manifestDigest(), chain, size, image.created(), image.action()));
        }
        for (String tag : image.tags()) {
            events.addAll(tag(state, tag, image.id()));
        }
        return events;
    }

    /** Points {@code reference} at {@code id}, taking it from the image it named before. */
    static List<Event> tag(StateReader state, String reference, String id) {
        TagRecord existing = state.read(Families.TAGS, reference, TagRecord.class);
        if (existing != null && existing.id().equals(id)) {
            return List.of();
        }
        List<Event> events = new ArrayList<>();
        if (existing != null) {
            events.add(new ImageUntagged(reference, existing.id()));
        }
        events.add(new ImageTagged(reference, id));
        return events;
    }

    private static void blob(StateReader state, List<Event> events, Set<String> added, String digest, String mediaType,
                             long size) {
        if (state.get(Families.BLOBS, digest) == null && added.add(digest)) {
            events.add(new BlobStored(digest, mediaType, size));
        }
    }

    /** The events of deleting an image and what that frees. */
    record Removal(List<Event> events, List<ImageDeleteItem> report, List<String> layers, List<String> blobs,
                   long freed) {
    }

    /**
     * Untags {@code untag} and deletes image {@code id}; layers and blobs whose last reference goes
     * are released too (and reported, as Docker reports deleted layers).
     */
    static Removal delete(StateReader state, ImageRecord image, List<String> untag) {
        List<Event> events = new ArrayList<>();
        List<ImageDeleteItem> report = new ArrayList<>();
        for (String reference : untag) {
            events.add(new ImageUntagged(reference, image.id()));
            report.add(ImageDeleteItem.untagged(ImageNames.familiar(reference)));
        }
        events.add(new ImageDeleted(image.id()));
        report.add(ImageDeleteItem.deleted(image.id()));
        Map<String, Integer> blobRefs = new TreeMap<>();
        Map<String, Integer> layerRefs = new HashMap<>();
        List<String> releasedLayers = new ArrayList<>();
        List<String> releasedBlobs = new ArrayList<>();
        long freed = 0;
        dropBlob(state, blobRefs, image.id());
        dropBlob(state, blobRefs, image.manifestDigest());
        // top layer first, so that a released chain is reported as Docker does
        for (int i = image.layers().size() - 1; i >= 0; i--) {
            String chainId = image.layers().get(i);
            LayerRecord layer = state.read(Families.LAYERS, chainId, LayerRecord.class);
            int left = layerRefs.merge(chainId, layer.refs() - 1, (a, b) -> a - 1);
            if (left == 0) {
                events.add(new LayerReleased(chainId));
                report.add(ImageDeleteItem.deleted(chainId));
                releasedLayers.add(chainId);
                dropBlob(state, blobRefs, layer.diffId());
                freed += layer.size();
            }
        }
        for (Map.Entry<String, Integer> blob : blobRefs.entrySet()) {
            if (blob.getValue() == 0) {
                events.add(new BlobRemoved(blob.getKey()));
                releasedBlobs.add(blob.getKey());
            }
        }
        releasedBlobs.sort(null);
        return new Removal(events, report, releasedLayers, releasedBlobs, freed);
    }

    private static void dropBlob(StateReader state, Map<String, Integer> refs, String digest) {
        BlobRecord blob = state.read(Families.BLOBS, digest, BlobRecord.class);
        refs.merge(digest, blob.refs() - 1, (a, b) -> a - 1);
    }
}
