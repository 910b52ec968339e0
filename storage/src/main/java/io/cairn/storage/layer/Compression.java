package io.cairn.storage.layer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** How a layer blob is compressed, recognised by its magic bytes. */
public enum Compression {
    NONE,
    GZIP,
    ZSTD;

    /**
     * Peeks at the first bytes of {@code in} (which must support mark/reset) and names the
     * compression. bzip2 and xz are refused: OCI layers are plain, gzip or zstd.
     */
    public static Compression detect(BufferedInputStream in) throws IOException {
        in.mark(8);
        byte[] magic = in.readNBytes(6);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (magic.length >= 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        if (magic.length >= 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
            throw new InvalidLayerException(null, "bzip2-compressed layers are not supported (plain, gzip or zstd)");
        }
        if (magic.length >= 6 && (magic[0] & 0xff) == 0xfd && magic[1] == '7' && magic[2] == 'z'
                && magic[3] == 'X' && magic[4] == 'Z' && magic[5] == 0) {
            throw new InvalidLayerException(null, "xz-compressed layers are not supported (plain, gzip or zstd)");
        }
        return NONE;
    }

    /** Wraps {@code in} in this compression's decoder. */
    public InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            case NONE -> in;
            case GZIP -> new GZIPInputStream(in, 64 * 1024);
            case ZSTD -> new ZstdCompressorInputStream(in);
        };
    }
}
