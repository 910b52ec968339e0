package io.cairn.engine.build.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** ADD tells archives by content: every compression Docker knows, and what is not a tar stays a file. */
class ArchiveFormatsTest {

    @TempDir
    Path dir;

    /** A compressor per format, so one test runs for each. */
    enum Codec {
        PLAIN, GZIP, BZIP2, XZ, ZSTD;

        OutputStream wrap(OutputStream out) throws IOException {
            return switch (this) {
                case PLAIN -> out;
                case GZIP -> new GzipCompressorOutputStream(out);
                case BZIP2 -> new BZip2CompressorOutputStream(out);
                case XZ -> new XZCompressorOutputStream(out);
                case ZSTD -> new ZstdCompressorOutputStream(out);
            };
        }
    }

    private static byte[] tar(String name, String body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry(name);
            e.setSize(b.length);
            e.setMode(0100644);
            tar.putArchiveEntry(e);
            tar.write(b);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private Path write(String name, Codec codec, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = codec.wrap(Files.newOutputStream(file))) {
            out.write(content);
        }
        return file;
    }

    private static CopyItem file(String dest, Path source) {
        return new CopyItem(dest, CopyItem.Kind.FILE, Optional.of(source), Optional.empty(), "", 0644, 0, 0, 0);
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aTarInEveryCompressionIsUnpackedWhateverItsName(Codec codec) throws Exception {
        // the name says nothing: Docker looks at the bytes
        Path archive = write("payload.bin", codec, tar("inside/hello.txt", "hello " + codec));
        assertTrue(Archives.isArchive(archive), codec + " tar");
        List<CopyItem> items = Archives.expand(List.of(file("dst/payload.bin", archive)), "/dst/");
        assertEquals(CopyItem.Kind.ARCHIVE, items.get(0).kind());
        Path upper = Files.createDirectories(dir.resolve("upper"));
        CopyStager.stage(items, upper);
        assertEquals("hello " + codec, Files.readString(upper.resolve("dst/inside/hello.txt")));
        assertFalse(Files.exists(upper.resolve("dst/payload.bin")));
    }

    @ParameterizedTest
    @EnumSource(Codec.class)
    void aCompressedFileThatIsNotATarIsCopiedAsItIs(Codec codec) throws Exception {
        Path notTar = write("notes.tar.xz", codec, "just some text, not a tar header\n".repeat(40).getBytes(StandardCharsets.UTF_8));
        assertFalse(Archives.isArchive(notTar), codec + " of plain text");
        List<CopyItem> items = Archives.expand(List.of(file("dst/notes.tar.xz", notTar)), "/dst/");
        assertEquals(CopyItem.Kind.FILE, items.get(0).kind());
    }

    @Test
    void anEmptyTarAndACorruptStreamAreNotArchives() throws Exception {
        assertFalse(Archives.isArchive(write("empty.tar", Codec.PLAIN, new byte[1024])), "two zero blocks");
        byte[] xzMagicThenGarbage = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertFalse(Archives.isArchive(write("broken.tar.xz", Codec.PLAIN, xzMagicThenGarbage)));
        byte[] zstdMagicThenGarbage = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 9, 9, 9, 9};
        assertFalse(Archives.isArchive(write("broken.tar.zst", Codec.PLAIN, zstdMagicThenGarbage)));
        assertFalse(Archives.isArchive(write("short", Codec.PLAIN, new byte[] {1, 2, 3})));
    }

    @Test
    void aHeaderWithAWrongChecksumIsNotATar() throws Exception {
        byte[] good = Arrays.copyOf(tar("a", "a"), TarHeaders.BLOCK);
        assertTrue(TarHeaders.isHeader(good));
        byte[] bad = good.clone();
        bad[0] ^= 1; // the name changes, the recorded checksum does not
        assertFalse(TarHeaders.isHeader(bad));
        assertFalse(TarHeaders.isHeader(Arrays.copyOf(good, 100)), "a short block");
    }
}
