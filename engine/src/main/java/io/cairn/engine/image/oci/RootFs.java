package io.cairn.engine.image.oci;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.cairn.storage.digest.Digest;
import java.util.List;
import java.util.Objects;

/**
 * The config's {@code rootfs}: {@code type} is {@code layers}, {@code diff_ids} the digests of the
 * uncompressed layer tars, base first, one per layer of the manifest.
 */
public record RootFs(String type, @JsonProperty("diff_ids") List<Digest> diffIds) {

    public static final String TYPE_LAYERS = "layers";

    public RootFs {
        Objects.requireNonNull(type, "rootfs type");
        diffIds = List.copyOf(Objects.requireNonNull(diffIds, "rootfs diff_ids"));
    }

    /** A {@code layers} rootfs of {@code diffIds}. */
    public static RootFs layers(List<Digest> diffIds) {
        return new RootFs(TYPE_LAYERS, diffIds);
    }
}
