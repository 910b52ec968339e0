package io.cairn.engine.image;

import io.cairn.engine.event.BlobRemoved;
import io.cairn.engine.event.BlobStored;
import io.cairn.engine.event.Event;
import io.cairn.engine.event.ImageCreated;
import io.cairn.engine.event.ImageDeleted;
import io.cairn.engine.event.ImagePulled;
import io.cairn.engine.event.LayerDistributed;
import io.cairn.engine.event.ImageTagged;
import io.cairn.engine.event.ImageUntagged;
import io.cairn.engine.event.LayerRegistered;
import io.cairn.engine.event.LayerReleased;
import io.cairn.engine.state.EventContext;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.Projection;
import io.cairn.engine.state.StateReader;
import io.cairn.engine.state.StateWriter;
import java.util.Set;

/**
 * Image, tag, layer and blob events → index records, with reference counts: an image holds one
 * reference on each of its layers and on its config and manifest blobs; a layer holds one on its tar
 * blob. Counts only move here, so replay reproduces them.
 */
public final class ImageProjection implements Projection {

    private static final Set<Class<? extends Event>> EVENTS = Set.of(BlobStored.class, BlobRemoved.class, LayerRegistered.class,
            LayerReleased.class, ImageCreated.class, ImageDeleted.class, ImageTagged.class, ImageUntagged.class,
            ImagePulled.class, LayerDistributed.class);

    @Override
    public Set<Class<? extends Event>> events() {
        return EVENTS;
    }

    @Override
    public void apply(Event event, EventContext context, StateReader state, StateWriter out) {
        if (event instanceof BlobStored e) {
            BlobRecord existing = state.read(Families.BLOBS, e.digest(), BlobRecord.class);
            if (existing == null) {
                out.write(Families.BLOBS, e.digest(), new BlobRecord(e.digest(), e.mediaType(), e.size(), 0));
            }
        } else if (event instanceof BlobRemoved e) {
            out.delete(Families.BLOBS, e.digest());
        } else if (event instanceof LayerRegistered e) {
            out.write(Families.LAYERS, e.chainId(),
                    new LayerRecord(e.chainId(), e.diffId(), e.parent(), e.treeDigest(), e.size(), 0));
            blobRefs(state, out, e.diffId(), +1);
        } else if (event instanceof LayerReleased e) {
            LayerRecord layer = require(state, Families.LAYERS, e.chainId(), LayerRecord.class);
            out.delete(Families.LAYERS, e.chainId());
            blobRefs(state, out, layer.diffId(), -1);
        } else if (event instanceof ImageCreated e) {
            out.write(Families.IMAGES, e.id(), new ImageRecord(e.id(), e.manifestDigest(), e.layers(), e.size(),
                    e.created(), context.timeNanos(), e.action()));
            for (String chainId : e.layers()) {
                LayerRecord layer = require(state, Families.LAYERS, chainId, LayerRecord.class);
                out.write(Families.LAYERS, chainId, layer.withRefs(layer.refs() + 1));
            }
            blobRefs(state, out, e.id(), +1);
            blobRefs(state, out, e.manifestDigest(), +1);
        } else if (event instanceof ImageDeleted e) {
            ImageRecord image = require(state, Families.IMAGES, e.id(), ImageRecord.class);
            out.delete(Families.IMAGES, e.id());
            for (String chainId : image.layers()) {
                LayerRecord layer = require(state, Families.LAYERS, chainId, LayerRecord.class);
                out.write(Families.LAYERS, chainId, layer.withRefs(layer.refs() - 1));
            }
            blobRefs(state, out, e.id(), -1);
            blobRefs(state, out, image.manifestDigest(), -1);
        } else if (event instanceof ImageTagged e) {
            out.write(Families.TAGS, e.reference(), new TagRecord(e.reference(), e.id(), context.timeNanos()));
        } else if (event instanceof ImageUntagged e) {
            out.delete(Families.TAGS, e.reference());
        } else if (event instanceof LayerDistributed e) {
            String key = DistributionRecord.key(e.diffId(), e.compression());
            DistributionRecord known = state.read(Families.DISTRIBUTION, key, DistributionRecord.class);
            DistributionRecord base = known != null ? known
                    : new DistributionRecord(e.diffId(), e.compression(), e.digest(), e.size(), java.util.List.of());
            out.write(Families.DISTRIBUTION, key, base.with(e.digest(), e.size(), e.repository()));
        } else if (event instanceof ImagePulled) {
            // a record of provenance for events and replay; the image and tags came in their own events
        } else {
            throw new IllegalArgumentException("not a " + getClass().getSimpleName() + " event: "
                    + event.getClass().getSimpleName());
        }
    }

    private static void blobRefs(StateReader state, StateWriter out, String digest, int delta) {
        BlobRecord blob = require(state, Families.BLOBS, digest, BlobRecord.class);
        out.write(Families.BLOBS, digest, blob.withRefs(blob.refs() + delta));
    }

    private static <T> T require(StateReader state, String family, String key, Class<T> type) {
        T record = state.read(family, key, type);
        if (record == null) {
            throw new IllegalStateException("event refers to " + family + "/" + key + ", which the index lacks");
        }
        return record;
    }
}
