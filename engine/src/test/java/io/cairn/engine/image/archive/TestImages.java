package io.cairn.engine.image.archive;

import io.cairn.engine.image.oci.Descriptor;
import io.cairn.engine.image.oci.ExecutionConfig;
import io.cairn.engine.image.oci.HistoryEntry;
import io.cairn.engine.image.oci.ImageConfig;
import io.cairn.engine.image.oci.Manifest;
import io.cairn.engine.image.oci.MediaTypes;
import io.cairn.engine.image.oci.OciJson;
import io.cairn.engine.image.oci.RootFs;
import io.cairn.storage.digest.Digest;
import java.io.ByteArrayInputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Synthetic images for archive tests: layers are small tars, blobs live in a map. */
final class TestImages {

    final Map<Digest, byte[]> blobs = new HashMap<>();

    /** A one-file layer tar ({@code dir/name} holding {@code content}). */
    static byte[] layer(String name, String content) {
        return new TarBuilder().dir("etc").file("etc/" + name, content).build();
    }

    /** An image made of uncompressed {@code layers}, stored in {@link #blobs}. */
    Image image(String cmd, byte[]... layers) {
        List<Digest> diffIds = new ArrayList<>();
        List<Descriptor> layerDescriptors = new ArrayList<>();
        List<HistoryEntry> history = new ArrayList<>();
        for (byte[] layer : layers) {
            Digest digest = put(layer);
            diffIds.add(digest);
            layerDescriptors.add(Descriptor.of(MediaTypes.OCI_LAYER, digest, layer.length));
            history.add(new HistoryEntry(Instant.EPOCH, "layer", null, null, null));
        }
        ImageConfig config = new ImageConfig(Instant.parse("2024-01-01T00:00:00Z"), null, "amd64", "linux",
                null, null, null, ExecutionConfig.empty().toBuilder().cmd(List.of(cmd)).build(),
                RootFs.layers(diffIds), history);
        byte[] configBytes = OciJson.write(config);
        Digest configDigest = put(configBytes);
        byte[] manifest = OciJson.write(Manifest.oci(
                Descriptor.of(MediaTypes.OCI_CONFIG, configDigest, configBytes.length), layerDescriptors));
        put(manifest);
        return new Image(manifest, configBytes, configDigest, diffIds);
    }

    Digest put(byte[] content) {
        Digest digest = Digest.sha256(content);
        blobs.put(digest, content);
        return digest;
    }

    BlobSource source() {
        return digest -> {
            byte[] content = blobs.get(digest);
            if (content == null) {
                throw new NoSuchFileException("blob " + digest);
            }
            return new ByteArrayInputStream(content);
        };
    }

    record Image(byte[] manifest, byte[] config, Digest configDigest, List<Digest> diffIds) {
    }

}
