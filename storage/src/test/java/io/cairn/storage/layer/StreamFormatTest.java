package io.cairn.storage.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamFormatTest {

    @Test
    void magicNumbers() {
        assertEquals(StreamFormat.GZIP, StreamFormat.of(new byte[] {0x1f, (byte) 0x8b, 8}));
        assertEquals(StreamFormat.BZIP2, StreamFormat.of("BZh9".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(StreamFormat.XZ, StreamFormat.of(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0}));
        assertEquals(StreamFormat.PLAIN, StreamFormat.of(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z'}), "xz magic is 6 bytes");
        assertEquals(StreamFormat.ZSTD, StreamFormat.of(new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd}));
        assertEquals(StreamFormat.ZSTD, StreamFormat.of(new byte[] {0x5a, 0x2a, 0x4d, 0x18}), "skippable frame");
        assertEquals(StreamFormat.PLAIN, StreamFormat.of(new byte[] {0x6a, 0x2a, 0x4d, 0x18}));
        assertEquals(StreamFormat.PLAIN, StreamFormat.of(new byte[0]));
    }

    @Test
    void detectPeeksAndResets() throws Exception {
        BufferedInputStream in = new BufferedInputStream(new ByteArrayInputStream(new byte[] {0x1f, (byte) 0x8b, 8, 0}));
        assertEquals(StreamFormat.GZIP, StreamFormat.detect(in));
        assertEquals(0x1f, in.read(), "the caller reads from the first byte");
    }

    /** pigz and Docker's archive writer may emit several members; a trickling source must not cut them short. */
    @Test
    void concatenatedGzipMembersAreReadToTheEndEvenWhenTheSourceTrickles() throws Exception {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(gzip("first member,"));
        both.write(gzip("second member"));
        InputStream trickling = new FilterInputStream(new ByteArrayInputStream(both.toByteArray())) {
            @Override
            public int available() {
                return 0; // a pipe or socket between reads
            }
        };
        BufferedInputStream in = new BufferedInputStream(trickling, 16);
        StreamFormat format = StreamFormat.detect(in);
        assertEquals("first member,second member",
                new String(format.decode(in).readAllBytes(), StandardCharsets.US_ASCII));
    }

    private static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    @Test
    void layersAcceptOnlyWhatOciLayersMayBe() throws Exception {
        assertEquals(Compression.ZSTD, Compression.detect(buffered(new byte[] {0x5a, 0x2a, 0x4d, 0x18, 0, 0})));
        assertEquals(Compression.NONE, Compression.detect(buffered(new byte[] {1, 2, 3})));
        assertThrows(InvalidLayerException.class, () -> Compression.detect(buffered("BZh91AY".getBytes(StandardCharsets.US_ASCII))));
        assertThrows(InvalidLayerException.class, () -> Compression.detect(buffered(new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0})));
    }

    private static BufferedInputStream buffered(byte[] bytes) {
        return new BufferedInputStream(new ByteArrayInputStream(bytes));
    }
}
