package io.cairn.storage.layer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

/** How a layer blob is compressed, recognised by its magic bytes. */
public enum Compression {
    NONE,
    GZIP,
    ZSTD;

    /**
     * Peeks at the first bytes of {@code in} (which must support mark/reset) and names the
     * compression ({@link StreamFormat}, the one sniffer). bzip2 and xz are refused: OCI layers are
     * plain, gzip or zstd.
     */
    public static Compression detect(BufferedInputStream in) throws IOException {
        return switch (StreamFormat.detect(in)) {
            case PLAIN -> NONE;
            case GZIP -> GZIP;
            case ZSTD -> ZSTD;
            case BZIP2 -> throw new InvalidLayerException(null, "bzip2-compressed layers are not supported (plain, gzip or zstd)");
            case XZ -> throw new InvalidLayerException(null, "xz-compressed layers are not supported (plain, gzip or zstd)");
        };
    }

    /** Wraps {@code in} in this compression's decoder ({@link StreamFormat#decode}, the one set). */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> StreamFormat.PLAIN.decode(in);
            case GZIP -> StreamFormat.GZIP.decode(in);
            case ZSTD -> StreamFormat.ZSTD.decode(in);
        };
    }
}
