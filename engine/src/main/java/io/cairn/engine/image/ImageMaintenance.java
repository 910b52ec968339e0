package io.cairn.engine.image;

import io.cairn.api.ImageVerification;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import io.cairn.storage.digest.Digest;
import io.cairn.storage.layer.LayerVerification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the stores and the index in agreement: garbage collection at start (content a crash left
 * unreferenced), {@code system check} (everything referenced exists with its digest, reference counts
 * add up) and {@code image verify}.
 */
public final class ImageMaintenance {

    private final StateReader state;
    private final ImageContent content;

    public ImageMaintenance(StateReader committed, ImageContent content) {
        this.state = committed;
        this.content = content;
    }

    /** Deletes blobs and layer directories the index does not know; returns what it deleted. */
    public List<String> collectGarbage() {
        List<String> deleted = new ArrayList<>();
        try {
            for (Digest blob : content.blobs().list()) {
                if (state.get(Families.BLOBS, blob.toString()) == null) {
                    content.blobs().delete(blob);
                    deleted.add("unreferenced blob " + blob);
                }
            }
            for (Digest layer : content.layers().list()) {
                if (state.get(Families.LAYERS, layer.toString()) == null) {
                    content.layers().remove(layer);
                    deleted.add("unreferenced layer " + layer);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("collecting unreferenced content", e);
        }
        return deleted;
    }

    /** Every problem between the image index and the stores, one line each. */
    public List<String> check(List<String> checked) {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> blobRefs = new HashMap<>();
        Map<String, Integer> layerRefs = new HashMap<>();
        int[] counts = new int[3];
        state.scan(Families.IMAGES, "", ImageRecord.class, (k, image) -> {
            counts[0]++;
            blobRefs.merge(image.id(), 1, Integer::sum);
            blobRefs.merge(image.manifestDigest(), 1, Integer::sum);
            image.layers().forEach(l -> layerRefs.merge(l, 1, Integer::sum));
            return true;
        });
        state.scan(Families.LAYERS, "", LayerRecord.class, (k, layer) -> {
            counts[1]++;
            blobRefs.merge(layer.diffId(), 1, Integer::sum);
            if (layer.refs() != layerRefs.getOrDefault(k, 0)) {
                problems.add("layer " + k + ": " + layer.refs() + " references recorded, " + layerRefs.getOrDefault(k, 0)
                        + " images use it");
            }
            if (!content.layers().exists(Digest.parse(k))) {
                problems.add("layer " + k + ": directory is missing");
            } else {
                verifyLayer(layer, problems);
            }
            return true;
        });
        state.scan(Families.BLOBS, "", BlobRecord.class, (k, blob) -> {
            counts[2]++;
            if (blob.refs() != blobRefs.getOrDefault(k, 0)) {
                problems.add("blob " + k + ": " + blob.refs() + " references recorded, " + blobRefs.getOrDefault(k, 0)
                        + " found");
            }
            verifyBlob(Digest.parse(k), problems);
            return true;
        });
        layerRefs.keySet().stream().filter(l -> state.get(Families.LAYERS, l) == null).sorted()
                .forEach(l -> problems.add("layer " + l + ": used by an image but not indexed"));
        blobRefs.keySet().stream().filter(b -> state.get(Families.BLOBS, b) == null).sorted()
                .forEach(b -> problems.add("blob " + b + ": referenced but not indexed"));
        checked.add("images: " + counts[0] + " images, " + counts[1] + " layers (trees re-hashed), "
                + counts[2] + " blobs (re-hashed)");
        return problems;
    }

    /** Re-hashes every blob of an image and the unpacked tree of every layer. */
    public ImageVerification verify(ImageRecord image) {
        List<String> checked = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        verifyBlob(Digest.parse(image.id()), problems);
        verifyBlob(Digest.parse(image.manifestDigest()), problems);
        checked.add("config " + image.id());
        checked.add("manifest " + image.manifestDigest());
        for (String chainId : image.layers()) {
            LayerRecord layer = state.read(Families.LAYERS, chainId, LayerRecord.class);
            verifyBlob(Digest.parse(layer.diffId()), problems);
            verifyLayer(layer, problems);
            checked.add("layer " + chainId + " (tar " + layer.diffId() + ")");
        }
        return new ImageVerification(image.id(), checked, problems);
    }

    private void verifyBlob(Digest digest, List<String> problems) {
        try {
            if (!content.blobs().exists(digest)) {
                problems.add("blob " + digest + ": file " + content.blobs().path(digest) + " is missing");
            } else if (!content.blobs().verify(digest)) {
                problems.add("blob " + digest + ": content of " + content.blobs().path(digest) + " no longer matches its digest");
            }
        } catch (IOException e) {
            problems.add("blob " + digest + ": cannot read: " + e.getMessage());
        }
    }

    private void verifyLayer(LayerRecord layer, List<String> problems) {
        try {
            LayerVerification v = content.layers().verify(Digest.parse(layer.chainId()), Digest.parse(layer.treeDigest()));
            if (!v.intact()) {
                for (String change : v.changes()) {
                    problems.add("layer " + layer.chainId() + ": " + change);
                }
                if (v.changes().isEmpty()) {
                    problems.add("layer " + layer.chainId() + ": tree digest is " + v.actual() + ", expected " + v.expected());
                }
            }
        } catch (IOException e) {
            problems.add("layer " + layer.chainId() + ": cannot verify: " + e.getMessage());
        }
    }
}
