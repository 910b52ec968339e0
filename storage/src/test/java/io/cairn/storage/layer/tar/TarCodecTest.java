package io.cairn.storage.layer.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.storage.layer.RawTar;
import io.cairn.storage.layer.Shell;
import io.cairn.storage.posix.Posix;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarCodecTest {
    private static final byte[] CAPABILITY = {1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0x80};

    @TempDir
    Path dir;

    private static TarEntry entry(String name, TarType type, long size, String link, Map<String, byte[]> xattrs) {
        return new TarEntry(name, type, 0644, 0, 0, size, 1_700_000_000L, 0, link, 0, 0, xattrs);
    }

    private static List<Object[]> read(byte[] tar) throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(tar));
        List<Object[]> out = new ArrayList<>();
        TarEntry e;
        while ((e = r.next()) != null) {
            out.add(new Object[] {e, r.content().readAllBytes()});
        }
        return out;
    }

    @Test
    void writerOutputReadsBackExactly() throws IOException {
        String longName = "d/" + "x".repeat(150) + "/" + "y".repeat(120);
        List<TarEntry> entries = List.of(
                new TarEntry("d/", TarType.DIRECTORY, 02755, 1, 2, 0, 0, 0, "", 0, 0, Map.of()),
                new TarEntry(longName, TarType.REGULAR, 04755, 3_000_000, 4_000_000, 5, -1, 250_000_000, "", 0, 0,
                        Map.of("security.capability", CAPABILITY, "user.text", "é".getBytes(StandardCharsets.UTF_8))),
                new TarEntry("d/ünïcödé", TarType.SYMLINK, 0777, 0, 0, 0, 1, 999_999_999, "/" + "t".repeat(200), 0, 0,
                        Map.of()),
                new TarEntry("d/hard", TarType.HARDLINK, 0644, 0, 0, 0, 77_777_777_777L, 0, longName, 0, 0, Map.of()),
                new TarEntry("d/dev", TarType.CHAR_DEVICE, 0600, 0, 0, 0, 5, 0, "", 4095, 3_000_000, Map.of()),
                new TarEntry("d/fifo", TarType.FIFO, 0600, 0, 0, 0, 5, 0, "", 0, 0, Map.of()));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TarWriter w = new TarWriter(buf);
        for (TarEntry e : entries) {
            if (e.size() > 0) {
                w.write(e, new ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII)));
            } else {
                w.write(e);
            }
        }
        w.finish();
        assertEquals(buf.size(), w.written());

        List<Object[]> back = read(buf.toByteArray());
        assertEquals(entries.size(), back.size());
        for (int i = 0; i < entries.size(); i++) {
            TarEntry want = entries.get(i);
            TarEntry got = (TarEntry) back.get(i)[0];
            assertEquals(want.name(), got.name());
            assertEquals(want.type(), got.type());
            assertEquals(want.mode(), got.mode());
            assertEquals(want.uid(), got.uid());
            assertEquals(want.gid(), got.gid());
            assertEquals(want.size(), got.size());
            assertEquals(want.mtimeSeconds(), got.mtimeSeconds(), want.name());
            assertEquals(want.mtimeNanos(), got.mtimeNanos(), want.name());
            assertEquals(want.linkName(), got.linkName());
            assertEquals(want.devMajor(), got.devMajor());
            assertEquals(want.devMinor(), got.devMinor());
            assertEquals(want.xattrs().keySet(), got.xattrs().keySet());
            for (String k : want.xattrs().keySet()) {
                assertArrayEquals(want.xattrs().get(k), got.xattrs().get(k), k);
            }
        }
        assertEquals("hello", new String((byte[]) back.get(1)[1], StandardCharsets.US_ASCII));
    }

    @Test
    void writerIsDeterministic() throws IOException {
        TarEntry e = entry("a/" + "n".repeat(120), TarType.REGULAR, 3, "", Map.of("user.b", new byte[] {2}, "user.a",
                new byte[] {1}));
        byte[][] outs = new byte[2][];
        for (int i = 0; i < 2; i++) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            TarWriter w = new TarWriter(buf);
            w.write(e, new ByteArrayInputStream(new byte[] {1, 2, 3}));
            w.finish();
            outs[i] = buf.toByteArray();
        }
        assertArrayEquals(outs[0], outs[1]);
    }

    @Test
    void gnuTarReadsWhatTheWriterWritesIncludingBinaryXattrs() throws Exception {
        String longName = "x".repeat(130);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        TarWriter w = new TarWriter(buf);
        w.write(new TarEntry(longName, TarType.REGULAR, 0640, 1000, 1000, 2, 1_700_000_000L, 0, "", 0, 0,
                Map.of("trusted.bin", CAPABILITY)), new ByteArrayInputStream(new byte[] {'o', 'k'}));
        w.write(new TarEntry("ln", TarType.SYMLINK, 0777, 0, 0, 0, 1_700_000_000L, 0, longName, 0, 0, Map.of()));
        w.finish();
        Path tar = Files.write(dir.resolve("t.tar"), buf.toByteArray());
        Path out = Files.createDirectory(dir.resolve("out"));
        Shell.run(out, "tar", "--xattrs", "--xattrs-include=*", "--numeric-owner", "-xpf", tar.toString());
        Path f = out.resolve(longName);
        assertEquals("ok", Files.readString(f));
        assertArrayEquals(CAPABILITY, Posix.getXattr(f, "trusted.bin").orElseThrow());
        assertEquals(1000, Posix.lstat(f).uid());
        assertEquals(1_700_000_000L, Posix.lstat(f).mtimeSeconds());
        assertEquals(longName, Files.readSymbolicLink(out.resolve("ln")).toString());
    }

    @Test
    void readsGnuTarsGnuAndPaxFormats() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/" + "d".repeat(120)));
        Path file = Files.writeString(src.resolve("f".repeat(110)), "content");
        Posix.setXattr(file, "user.k", CAPABILITY);
        Files.createSymbolicLink(src.resolve("l"), file.getFileName().resolveSibling("t".repeat(105)));
        for (String format : List.of("gnu", "pax")) {
            Path tar = dir.resolve(format + ".tar");
            Shell.run(dir.resolve("src"), "tar", "--format=" + format, "--xattrs", "--xattrs-include=*",
                    "--sort=name", "-cf", tar.toString(), ".");
            List<Object[]> entries = read(Files.readAllBytes(tar));
            TarEntry f = entries.stream().map(o -> (TarEntry) o[0])
                    .filter(e -> e.name().endsWith("f".repeat(110))).findFirst().orElseThrow();
            assertEquals("./" + "d".repeat(120) + "/" + "f".repeat(110), f.name(), format);
            TarEntry l = entries.stream().map(o -> (TarEntry) o[0]).filter(e -> e.name().endsWith("/l"))
                    .findFirst().orElseThrow();
            assertEquals("t".repeat(105), l.linkName(), format);
            if (format.equals("pax")) {
                assertArrayEquals(CAPABILITY, f.xattrs().get("user.k"));
            }
        }
    }

    private static TarFormatException refused(byte[] tar) {
        return assertThrows(TarFormatException.class, () -> read(tar));
    }

    @Test
    void refusesOverlongGnuNamesAndPaxHeadersWithoutReadingThem() {
        byte[] gnu = new RawTar().header("././@LongLink", 'L', 512L << 20, new byte[0]).bytes();
        TarFormatException e = refused(gnu);
        assertTrue(e.getMessage().contains("GNU long name of 536870912 bytes exceeds"), e.getMessage());

        byte[] pax = new RawTar().header("PaxHeaders/x", 'x', 2 << 20, new byte[0]).bytes();
        assertTrue(refused(pax).getMessage().contains("PAX header of 2097152 bytes"));
    }

    @Test
    void refusesMalformedArchivesNamingThePlace() {
        assertTrue(refused(new RawTar().corruptChecksum().file("f", "x").end().bytes()).getMessage()
                .contains("checksum"));
        byte[] noEnd = new RawTar().file("f", "x").bytes();
        assertTrue(refused(noEnd).getMessage().contains("without an end-of-archive marker"));
        byte[] cut = Arrays.copyOf(new RawTar().file("big", "y".repeat(2000)).end().bytes(), 1000);
        TarFormatException c = refused(cut);
        assertEquals("big", c.entry());
        assertTrue(refused(Arrays.copyOf(noEnd, 300)).getMessage().contains("truncated inside a header"));
        TarFormatException sparse = refused(new RawTar().entry("sp", 'S', 0644, "", new byte[0]).end().bytes());
        assertEquals("sp", sparse.entry());
        TarFormatException unknown = refused(new RawTar().entry("odd", 'Z', 0644, "", new byte[0]).end().bytes());
        assertTrue(unknown.getMessage().contains("tar entry odd: unsupported entry type 'Z'"), unknown.getMessage());
        byte[] badName = {'a', (byte) 0xff, 'b'};
        assertTrue(refused(new RawTar().entry(badName, '0', 0644, "", new byte[0], 0, 0).end().bytes())
                .getMessage().contains("not valid UTF-8"));
        byte[] badPax = new RawTar().entry("PaxHeaders/x", 'x', 0644, "", "99 path=x\n".getBytes(StandardCharsets.US_ASCII))
                .file("f", "x").end().bytes();
        assertTrue(refused(badPax).getMessage().contains("malformed PAX record"));
        byte[] sparsePax = new RawTar().pax("GNU.sparse.major=1".getBytes(StandardCharsets.US_ASCII))
                .file("f", "x").end().bytes();
        assertTrue(refused(sparsePax).getMessage().contains("sparse"));
    }

    /**
     * The docker CLI's context for a Dockerfile outside it ends with the last entry's data: no
     * padding, no marker. Read to the end of stream, as Go's archive/tar reads it, where asked; cut
     * anywhere else it is still truncated.
     */
    @Test
    void aReaderThatEndsAtEofTakesACleanEndBetweenEntriesAndNothingElse() throws IOException {
        byte[] padded = new RawTar().file("a", "first").file("b", "second").bytes();
        byte[] unpadded = Arrays.copyOf(padded, padded.length - (512 - "second".length()));
        for (byte[] tar : List.of(padded, unpadded)) {
            List<Object[]> entries = readToEof(tar);
            assertEquals(2, entries.size());
            assertEquals("second", new String((byte[]) entries.get(1)[1], StandardCharsets.US_ASCII));
            assertTrue(refused(tar).getMessage().contains("truncated") || refused(tar).getMessage().contains("marker"),
                    "the strict reader still refuses it");
        }
        assertThrows(TarFormatException.class, () -> readToEof(Arrays.copyOf(padded, 512 + 512 + 100)),
                "part way through a header");
        assertThrows(TarFormatException.class, () -> readToEof(Arrays.copyOf(padded, padded.length - 100)),
                "part way through the padding");
        assertThrows(TarFormatException.class, () -> readToEof(Arrays.copyOf(unpadded, unpadded.length - 2)),
                "inside the entry's data");
        byte[] paxOnly = new RawTar().file("a", "x").pax("path=b".getBytes(StandardCharsets.US_ASCII)).bytes();
        assertThrows(TarFormatException.class, () -> readToEof(paxOnly), "a PAX header that names no entry");
    }

    private static List<Object[]> readToEof(byte[] tar) throws IOException {
        TarReader r = new TarReader(new ByteArrayInputStream(tar), true);
        List<Object[]> out = new ArrayList<>();
        TarEntry e;
        while ((e = r.next()) != null) {
            out.add(new Object[] {e, r.content().readAllBytes()});
        }
        return out;
    }

    @Test
    void paxOverridesAndGlobalHeadersApply() throws IOException {
        byte[] tar = new RawTar()
                .entry("g", 'g', 0644, "", "17 uid=123456789\n".getBytes(StandardCharsets.US_ASCII))
                .pax("path=ünï/long".getBytes(StandardCharsets.UTF_8), "mtime=-1.5".getBytes(StandardCharsets.US_ASCII))
                .file("short", "x")
                .file("second", "y")
                .end().bytes();
        List<Object[]> entries = read(tar);
        TarEntry first = (TarEntry) entries.get(0)[0];
        assertEquals("ünï/long", first.name());
        assertEquals(-2, first.mtimeSeconds());
        assertEquals(500_000_000, first.mtimeNanos());
        assertEquals(123456789, first.uid());
        TarEntry second = (TarEntry) entries.get(1)[0];
        assertEquals("second", second.name(), "a local PAX header applies to one entry only");
        assertEquals(123456789, second.uid(), "a global PAX header applies to every later entry");
        assertNull(new TarReader(new ByteArrayInputStream(new byte[1024])).next());
    }
}
