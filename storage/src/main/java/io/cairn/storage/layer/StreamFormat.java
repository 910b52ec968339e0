package io.cairn.storage.layer;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * The compression of a stream, told by its first bytes as Docker's archive package tells it: gzip
 * ({@code 1f 8b}), bzip2 ({@code BZh}), xz ({@code fd 37 7a 58 5a 00}), zstd (frame magic
 * {@code 28 b5 2f fd} or a skippable frame {@code 5? 2a 4d 18}); anything else is plain. The one
 * sniffer of the engine: layers ({@link Compression#detect}, which accepts only what OCI layers may
 * be), build contexts, ADD's archives and image archives all ask it, and {@link #decode} is the one
 * set of decoders. Which formats a caller accepts is the caller's.
 */
public enum StreamFormat {
    PLAIN, GZIP, BZIP2, XZ, ZSTD;

    /** How many bytes {@link #of} needs to tell every format apart. */
    public static final int LONGEST_MAGIC = 6;

    /**
     * Peeks at the start of {@code in} and resets it, so the caller reads from the first byte.
     *
     * @param in a stream that supports {@link InputStream#mark}
     */
    public static StreamFormat detect(InputStream in) throws IOException {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("detect needs a stream that supports mark/reset");
        }
        in.mark(LONGEST_MAGIC);
        byte[] head;
        try {
            head = in.readNBytes(LONGEST_MAGIC);
        } finally {
            in.reset();
        }
        return of(head);
    }

    /**
     * Wraps {@code in} in this format's decoder. Concatenated gzip, bzip2 and xz members are read to
     * the end, as Docker's archive package reads them; a corrupt stream fails as an
     * {@link IOException} when read. gzip is the JDK's reader: the layer path's digests, the corrupt
     * stream's errors (which name the entry they cut) and the interop suites were built on it.
     */
    public InputStream decode(InputStream in) throws IOException {
        return switch (this) {
            case PLAIN -> in;
            case GZIP -> new GZIPInputStream(in, 64 * 1024);
            case BZIP2 -> new BZip2CompressorInputStream(in, true);
            case XZ -> new XZCompressorInputStream(in, true);
            case ZSTD -> new ZstdCompressorInputStream(in);
        };
    }

    /** The format whose magic {@code head} starts with ({@link #PLAIN} for a head too short to tell). */
    public static StreamFormat of(byte[] head) {
        if (starts(head, 0x1f, 0x8b)) {
            return GZIP;
        }
        if (starts(head, 'B', 'Z', 'h')) {
            return BZIP2;
        }
        if (starts(head, 0xfd, '7', 'z', 'X', 'Z', 0x00)) {
            return XZ;
        }
        if (starts(head, 0x28, 0xb5, 0x2f, 0xfd)) {
            return ZSTD;
        }
        if (head.length >= 4 && (head[0] & 0xf0) == 0x50 && (head[1] & 0xff) == 0x2a && (head[2] & 0xff) == 0x4d
                && (head[3] & 0xff) == 0x18) {
            return ZSTD; // skippable frame 0x184D2A50..5F, little-endian
        }
        return PLAIN;
    }

    private static boolean starts(byte[] head, int... magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((head[i] & 0xff) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
