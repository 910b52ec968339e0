package io.cairn.engine.image.archive;

import io.cairn.engine.image.oci.Compression;
import io.cairn.storage.digest.Digest;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One layer of an {@link ArchiveImage}, not yet verified: the staged {@code file} holding the blob
 * (a real path inside the staging directory, symlinks resolved),
 * the blob {@code digest} the archive declares ({@code null} when it declares none, as in a legacy
 * docker-archive's {@code <id>/layer.tar}), its {@code mediaType} ({@code null} in a
 * docker-archive), the {@code compression} that media type declares ({@link Compression#DETECT}
 * when it does not say), and the {@code diffId} the image config expects of the uncompressed tar.
 * The caller verifies {@code digest} (when declared) and {@code diffId} while unpacking.
 */
public record ArchiveLayer(Path file, Digest digest, String mediaType, Compression compression, Digest diffId) {

    public ArchiveLayer {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(diffId, "diffId");
    }
}
