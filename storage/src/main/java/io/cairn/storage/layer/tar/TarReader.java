package io.cairn.storage.layer.tar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A streaming, bounded tar reader for layer archives: ustar, GNU (long names and link names) and
 * PAX (local and global headers, {@code SCHILY.xattr.*} with binary values).
 *
 * <p>Why not commons-compress: its PAX values are Strings, which corrupts binary xattrs such as
 * {@code security.capability}, and it buffers GNU long names without a bound. Here every
 * metadata record is limited to {@link #MAX_METADATA_BYTES}, checksums are verified, names must be
 * UTF-8, and sparse files and unknown entry types are refused. A stream that ends before the
 * end-of-archive marker is refused as truncated, unless the reader {@linkplain #TarReader(InputStream,
 * boolean) ends at a clean end of stream}.
 *
 * <p>Use: {@link #next()} until it returns null; {@link #content()} reads the current entry's
 * data and is valid until the next call to {@code next()}. Not thread-safe.
 */
public final class TarReader {
    /** Upper bound of a PAX header or GNU long name, as Go's archive/tar does. */
    public static final int MAX_METADATA_BYTES = 1 << 20;
    private static final int BLOCK = 512;
    private static final String XATTR_PREFIX = "SCHILY.xattr.";

    private final InputStream in;
    private final byte[] header = new byte[BLOCK];
    private final Map<String, byte[]> globalPax = new HashMap<>();
    private long globalPaxBytes;
    private final EntryContent content = new EntryContent();
    private long offset;
    private long remaining;
    private int padding;
    private boolean ended;
    private final boolean endAtEof;
    private String current = "(none)";

    public TarReader(InputStream in) {
        this(in, false);
    }

    /**
     * @param endAtEof also end, as at the marker, where the stream ends cleanly between entries: at
     *                 a header's first byte, or at an entry's end with none of its padding sent. Go's
     *                 archive/tar reads such a stream, so dockerd does, and the docker CLI sends one
     *                 for a build whose Dockerfile is outside the context. A stream that stops inside a
     *                 header, an entry's data or part way through its padding is truncated all the same.
     */
    public TarReader(InputStream in, boolean endAtEof) {
        this.in = in;
        this.endAtEof = endAtEof;
    }

    /** Bytes consumed from the underlying stream so far. */
    public long offset() {
        return offset;
    }

    /** The next entry, or null at the end-of-archive marker. */
    public TarEntry next() throws IOException {
        if (ended) {
            return null;
        }
        skipRest();
        Map<String, byte[]> pax = null;
        String longName = null;
        String longLink = null;
        while (true) {
            long headerOffset = offset;
            String where = "header at offset " + headerOffset;
            if (!readBlock(header)) {
                if (endAtEof && pax == null && longName == null && longLink == null) {
                    ended = true;
                    current = "(end of stream)";
                    return null;
                }
                throw new TarFormatException(where, "archive ends without an end-of-archive marker (truncated)");
            }
            if (isZero(header)) {
                ended = true;
                current = "(end of archive)";
                return null;
            }
            verifyChecksum(where);
            char flag = (char) header[156];
            long size = number(where, 124, 12);
            switch (flag) {
                case 'x', 'g' -> {
                    byte[] data = readMetadata(where, flag == 'x' ? "PAX header" : "global PAX header", size);
                    Map<String, byte[]> records = parsePax(where, data);
                    if (flag == 'g') {
                        // each global header is bounded; so must their sum be, or many small ones grow without end
                        globalPaxBytes += data.length;
                        if (globalPaxBytes > MAX_METADATA_BYTES) {
                            throw new TarFormatException(where, "global PAX headers exceed " + MAX_METADATA_BYTES
                                    + " bytes in all");
                        }
                        globalPax.putAll(records);
                    } else {
                        pax = records;
                    }
                }
                case 'L' -> longName = cString(where, readMetadata(where, "GNU long name", size));
                case 'K' -> longLink = cString(where, readMetadata(where, "GNU long link name", size));
                default -> {
                    return entry(where, flag, size, pax, longName, longLink);
                }
            }
        }
    }

    /** The current entry's data; reading past it returns end of stream. */
    public InputStream content() {
        return content;
    }

    /**
     * Reads everything after the end-of-archive marker (record padding) so that a digest of the
     * underlying stream covers the whole file; returns the number of bytes drained.
     */
    public long drain() throws IOException {
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
        }
        offset += total;
        return total;
    }

    private TarEntry entry(String where, char flag, long size, Map<String, byte[]> localPax, String longName,
                           String longLink) throws IOException {
        Map<String, byte[]> pax = new LinkedHashMap<>(globalPax);
        if (localPax != null) {
            pax.putAll(localPax);
        }
        boolean ustar = header[257] == 'u' && header[258] == 's' && header[259] == 't' && header[260] == 'a'
                && header[261] == 'r' && header[262] == 0;
        String name = field(where, 0, 100);
        if (ustar && header[345] != 0) {
            name = field(where, 345, 155) + "/" + name;
        }
        if (longName != null) {
            name = longName;
        }
        if (pax.containsKey("path")) {
            name = utf8(where, pax.get("path"));
        }
        current = name;
        String linkName = longLink != null ? longLink : field(name, 157, 100);
        if (pax.containsKey("linkpath")) {
            linkName = utf8(name, pax.get("linkpath"));
        }
        if (name.isEmpty()) {
            throw new TarFormatException(where, "entry has an empty name");
        }
        if (name.indexOf('\0') >= 0 || linkName.indexOf('\0') >= 0) {
            throw new TarFormatException(name, "name or link name contains a NUL byte");
        }
        for (String key : pax.keySet()) {
            if (key.startsWith("GNU.sparse.")) {
                throw new TarFormatException(name, "sparse files are not supported in layers");
            }
        }
        TarType type = switch (flag) {
            case '0', '\0', '7' -> name.endsWith("/") ? TarType.DIRECTORY : TarType.REGULAR;
            case '1' -> TarType.HARDLINK;
            case '2' -> TarType.SYMLINK;
            case '3' -> TarType.CHAR_DEVICE;
            case '4' -> TarType.BLOCK_DEVICE;
            case '5' -> TarType.DIRECTORY;
            case '6' -> TarType.FIFO;
            case 'S' -> throw new TarFormatException(name, "sparse files are not supported in layers");
            default -> throw new TarFormatException(name, "unsupported entry type '" + printable(flag) + "'");
        };
        if (pax.containsKey("size")) {
            size = paxNumber(name, "size", pax.get("size"));
        }
        int mode = (int) (number(name, 100, 8) & 07777);
        long uid = pax.containsKey("uid") ? paxNumber(name, "uid", pax.get("uid")) : number(name, 108, 8);
        long gid = pax.containsKey("gid") ? paxNumber(name, "gid", pax.get("gid")) : number(name, 116, 8);
        long mtime = number(name, 136, 12);
        int nanos = 0;
        if (pax.containsKey("mtime")) {
            long[] t = paxTime(name, pax.get("mtime"));
            mtime = t[0];
            nanos = (int) t[1];
        }
        long major = 0;
        long minor = 0;
        if (type == TarType.CHAR_DEVICE || type == TarType.BLOCK_DEVICE) {
            major = number(name, 329, 8);
            minor = number(name, 337, 8);
        }
        Map<String, byte[]> xattrs = new HashMap<>();
        for (Map.Entry<String, byte[]> e : pax.entrySet()) {
            if (e.getKey().startsWith(XATTR_PREFIX) && e.getKey().length() > XATTR_PREFIX.length()) {
                xattrs.put(e.getKey().substring(XATTR_PREFIX.length()), e.getValue());
            }
        }
        long dataSize = type.headerOnly() ? 0 : size;
        if (uid > 0xffff_fffeL || gid > 0xffff_fffeL) {
            throw new TarFormatException(name, "uid/gid out of range: " + uid + "/" + gid);
        }
        remaining = dataSize;
        padding = (int) ((BLOCK - dataSize % BLOCK) % BLOCK);
        if (type.headerOnly() && size > 0) {
            // A header-only entry that announces data (seen in some hard link entries): skip it.
            remaining = size;
            padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
            skipRest();
        }
        return new TarEntry(name, type, mode, uid, gid, dataSize, mtime, nanos, linkName, major, minor, xattrs);
    }

    private void skipRest() throws IOException {
        while (remaining > 0) {
            long n = in.skip(remaining);
            if (n <= 0) {
                if (in.read() < 0) {
                    throw new TarFormatException(current, "archive truncated inside the entry's data");
                }
                n = 1;
            }
            remaining -= n;
            offset += n;
        }
        if (padding > 0) {
            skipExactly(padding);
            padding = 0;
        }
    }

    private void skipExactly(int n) throws IOException {
        byte[] buf = new byte[n];
        int read = in.readNBytes(buf, 0, n);
        offset += read;
        if (read == 0 && endAtEof) {
            return; // the stream ended with the entry: the next header read finds the clean end
        }
        if (read != n) {
            throw new TarFormatException(current, "archive truncated inside the entry's padding");
        }
    }

    private boolean readBlock(byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        offset += n;
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new TarFormatException("header at offset " + (offset - n), "archive truncated inside a header");
        }
        return true;
    }

    private byte[] readMetadata(String where, String what, long size) throws IOException {
        if (size > MAX_METADATA_BYTES) {
            throw new TarFormatException(where, what + " of " + size + " bytes exceeds the limit of "
                    + MAX_METADATA_BYTES);
        }
        byte[] data = new byte[(int) size];
        if (in.readNBytes(data, 0, data.length) != data.length) {
            throw new TarFormatException(where, "archive truncated inside a " + what);
        }
        offset += size;
        int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
        if (pad > 0) {
            skipExactly(pad);
        }
        return data;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private void verifyChecksum(String where) throws IOException {
        long expected = number(where, 148, 8);
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = (i >= 148 && i < 156) ? ' ' : header[i];
            unsigned += b & 0xff;
            signed += b;
        }
        if (expected != unsigned && expected != signed) {
            throw new TarFormatException(where, "header checksum mismatch (not a tar archive, or corrupt)");
        }
    }

    /** Octal (NUL/space padded) or GNU base-256 number field. */
    private long number(String where, int off, int len) throws IOException {
        if ((header[off] & 0x80) != 0) {
            if ((header[off] & 0x40) != 0) {
                throw new TarFormatException(where, "negative base-256 number at header offset " + off);
            }
            long v = header[off] & 0x3f;
            for (int i = 1; i < len; i++) {
                if ((v >>> 55) != 0) {
                    throw new TarFormatException(where, "base-256 number overflows at header offset " + off);
                }
                v = (v << 8) | (header[off + i] & 0xff);
            }
            return v;
        }
        int i = off;
        int end = off + len;
        while (i < end && (header[i] == ' ' || header[i] == 0)) {
            i++;
        }
        long v = 0;
        for (; i < end && header[i] != ' ' && header[i] != 0; i++) {
            int d = header[i] - '0';
            if (d < 0 || d > 7 || (v >>> 60) != 0) {
                throw new TarFormatException(where, "invalid octal number at header offset " + off);
            }
            v = (v << 3) | d;
        }
        return v;
    }

    private String field(String where, int off, int len) throws IOException {
        int end = off;
        while (end < off + len && header[end] != 0) {
            end++;
        }
        return utf8(where, Arrays.copyOfRange(header, off, end));
    }

    private static String cString(String where, byte[] data) throws IOException {
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return utf8(where, Arrays.copyOf(data, end));
    }

    private static String utf8(String where, byte[] bytes) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new TarFormatException(where, "name is not valid UTF-8: "
                    + new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    /** PAX records: {@code "<len> <key>=<value>\n"}, len counting the whole record. */
    private static Map<String, byte[]> parsePax(String where, byte[] data) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        int pos = 0;
        while (pos < data.length) {
            if (data[pos] == 0) {
                break; // NUL padding written by some tools
            }
            int sp = pos;
            long len = 0;
            while (sp < data.length && data[sp] != ' ') {
                int d = data[sp] - '0';
                if (d < 0 || d > 9 || len > data.length) {
                    throw new TarFormatException(where, "malformed PAX record length at byte " + pos);
                }
                len = len * 10 + d;
                sp++;
            }
            if (sp == pos || sp >= data.length || len <= sp - pos + 1 || pos + len > data.length
                    || data[(int) (pos + len - 1)] != '\n') {
                throw new TarFormatException(where, "malformed PAX record at byte " + pos);
            }
            int recEnd = (int) (pos + len - 1);
            int eq = sp + 1;
            while (eq < recEnd && data[eq] != '=') {
                eq++;
            }
            if (eq >= recEnd) {
                throw new TarFormatException(where, "PAX record without '=' at byte " + pos);
            }
            String key = utf8(where, Arrays.copyOfRange(data, sp + 1, eq));
            out.put(key, Arrays.copyOfRange(data, eq + 1, recEnd));
            pos = (int) (pos + len);
        }
        return out;
    }

    private static long paxNumber(String where, String key, byte[] value) throws IOException {
        String s = new String(value, StandardCharsets.US_ASCII);
        if (!s.matches("[0-9]{1,18}")) {
            throw new TarFormatException(where, "invalid PAX " + key + ": " + s);
        }
        return Long.parseLong(s);
    }

    private static long[] paxTime(String where, byte[] value) throws IOException {
        String s = new String(value, StandardCharsets.US_ASCII);
        if (!s.matches("-?[0-9]{1,18}(\\.[0-9]*)?")) {
            throw new TarFormatException(where, "invalid PAX mtime: " + s);
        }
        int dot = s.indexOf('.');
        if (dot < 0) {
            return new long[] {Long.parseLong(s), 0};
        }
        long seconds = Long.parseLong(s.substring(0, dot));
        String frac = (s.substring(dot + 1) + "000000000").substring(0, 9);
        long nanos = Long.parseLong(frac);
        if (s.startsWith("-") && nanos > 0) {
            seconds -= 1;
            nanos = 1_000_000_000L - nanos;
        }
        return new long[] {seconds, nanos};
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
    }

    private final class EntryContent extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new TarFormatException(current, "archive truncated inside the entry's data");
            }
            remaining -= n;
            offset += n;
            return n;
        }
    }
}
