package io.cairn.storage.layer.tar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes POSIX (PAX) tar archives, deterministically: numeric owners with empty user and group
 * names, no access or change times, PAX records only where ustar cannot hold a value (names over
 * 100 bytes or non-ASCII, numbers too large for octal, sub-second mtimes) and for xattrs, which
 * go out as {@code SCHILY.xattr.<name>} with their raw bytes. No record padding after the
 * end-of-archive marker.
 *
 * <p>Not thread-safe. {@link #finish()} writes the marker; it does not close the stream.
 */
public final class TarWriter {
    private static final int BLOCK = 512;
    private static final long MAX_OCTAL_7 = 07777777L;
    private static final long MAX_OCTAL_11 = 077777777777L;
    private static final byte[] ZERO = new byte[BLOCK];

    private final OutputStream out;
    private final byte[] buffer = new byte[64 * 1024];
    private long written;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far. */
    public long written() {
        return written;
    }

    /** Writes a header-only entry (anything but a regular file with content). */
    public void write(TarEntry entry) throws IOException {
        if (entry.size() != 0) {
            throw new IllegalArgumentException("tar entry " + entry.name() + " has content: use write(entry, content)");
        }
        writeHeader(entry);
    }

    /** Writes an entry and exactly {@code entry.size()} bytes of {@code content}. */
    public void write(TarEntry entry, InputStream content) throws IOException {
        writeHeader(entry);
        long left = entry.size();
        while (left > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("tar entry " + entry.name() + ": content ended " + left
                        + " bytes short of its size " + entry.size() + " (file changed while packing?)");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        written += entry.size();
        pad(entry.size());
    }

    /** Writes the end-of-archive marker (two zero blocks). */
    public void finish() throws IOException {
        out.write(ZERO);
        out.write(ZERO);
        written += 2 * BLOCK;
        out.flush();
    }

    private void pad(long size) throws IOException {
        int pad = (int) ((BLOCK - size % BLOCK) % BLOCK);
        if (pad > 0) {
            out.write(ZERO, 0, pad);
            written += pad;
        }
    }

    private void writeHeader(TarEntry e) throws IOException {
        ByteArrayOutputStream pax = new ByteArrayOutputStream();
        byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
        byte[] link = e.linkName().getBytes(StandardCharsets.UTF_8);
        if (name.length > 100 || !ascii(name)) {
            record(pax, "path", name);
        }
        if (link.length > 100 || !ascii(link)) {
            record(pax, "linkpath", link);
        }
        if (e.uid() > MAX_OCTAL_7) {
            record(pax, "uid", Long.toString(e.uid()));
        }
        if (e.gid() > MAX_OCTAL_7) {
            record(pax, "gid", Long.toString(e.gid()));
        }
        if (e.size() > MAX_OCTAL_11) {
            record(pax, "size", Long.toString(e.size()));
        }
        if (e.mtimeNanos() != 0 || e.mtimeSeconds() < 0 || e.mtimeSeconds() > MAX_OCTAL_11) {
            record(pax, "mtime", paxTime(e.mtimeSeconds(), e.mtimeNanos()));
        }
        for (Map.Entry<String, byte[]> x : e.xattrs().entrySet()) {
            record(pax, "SCHILY.xattr." + x.getKey(), x.getValue());
        }
        if (pax.size() > 0) {
            byte[] records = pax.toByteArray();
            String base = e.name().replaceAll("/+$", "");
            base = base.substring(base.lastIndexOf('/') + 1);
            byte[] paxName = ("PaxHeaders.0/" + base).getBytes(StandardCharsets.UTF_8);
            byte[] h = header(asciiPrefix(paxName, 100), 'x', 0644, 0, 0, records.length,
                    clampOctal(e.mtimeSeconds()), new byte[0], 0, 0);
            out.write(h);
            out.write(records);
            written += BLOCK + records.length;
            pad(records.length);
        }
        out.write(header(asciiPrefix(name, 100), e.type().flag(), e.mode(), Math.min(e.uid(), MAX_OCTAL_7),
                Math.min(e.gid(), MAX_OCTAL_7), Math.min(e.size(), MAX_OCTAL_11), clampOctal(e.mtimeSeconds()),
                asciiPrefix(link, 100), e.devMajor(), e.devMinor()));
        written += BLOCK;
    }

    private static long clampOctal(long seconds) {
        return Math.max(0, Math.min(seconds, MAX_OCTAL_11));
    }

    private static byte[] header(byte[] name, char flag, int mode, long uid, long gid, long size, long mtime,
                                 byte[] link, long major, long minor) {
        byte[] h = new byte[BLOCK];
        System.arraycopy(name, 0, h, 0, name.length);
        octal(h, 100, 8, mode & 07777);
        octal(h, 108, 8, uid);
        octal(h, 116, 8, gid);
        octal(h, 124, 12, size);
        octal(h, 136, 12, mtime);
        h[156] = (byte) flag;
        System.arraycopy(link, 0, h, 157, link.length);
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        number(h, 329, 8, major);
        number(h, 337, 8, minor);
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String chk = String.format("%06o", sum);
        System.arraycopy(chk.getBytes(StandardCharsets.US_ASCII), 0, h, 148, 6);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    /** Zero-padded octal, NUL-terminated. */
    private static void octal(byte[] h, int off, int len, long value) {
        String s = Long.toOctalString(value);
        String padded = "0".repeat(len - 1 - s.length()) + s;
        System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, h, off, len - 1);
        h[off + len - 1] = 0;
    }

    /** Octal when it fits, else GNU base-256 (device numbers have no PAX key). */
    private static void number(byte[] h, int off, int len, long value) {
        if (value <= MAX_OCTAL_7) {
            octal(h, off, len, value);
            return;
        }
        for (int i = len - 1; i > 0; i--) {
            h[off + i] = (byte) value;
            value >>>= 8;
        }
        h[off] = (byte) 0x80;
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** The longest prefix of {@code bytes} of at most {@code max} bytes, non-ASCII bytes as '_'. */
    private static byte[] asciiPrefix(byte[] bytes, int max) {
        byte[] out = Arrays.copyOf(bytes, Math.min(bytes.length, max));
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0x20 || out[i] >= 0x7f) {
                out[i] = '_';
            }
        }
        return out;
    }

    private static String paxTime(long seconds, int nanos) {
        if (nanos == 0) {
            return Long.toString(seconds);
        }
        long s = seconds;
        long n = nanos;
        String sign = "";
        if (s < 0) {
            // PAX times are a signed decimal: -1.25 is 1.25 s before the epoch.
            sign = "-";
            s = -(s + 1);
            n = 1_000_000_000L - n;
        }
        String frac = String.format("%09d", n).replaceAll("0+$", "");
        return sign + s + "." + frac;
    }

    private static void record(ByteArrayOutputStream pax, String key, String value) {
        record(pax, key, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A PAX record {@code "<len> <key>=<value>\n"} whose length counts its own digits. */
    private static void record(ByteArrayOutputStream pax, String key, byte[] value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int body = 1 + k.length + 1 + value.length + 1;
        int len = body + 1;
        while (len != body + Integer.toString(len).length()) {
            len = body + Integer.toString(len).length();
        }
        pax.writeBytes(Integer.toString(len).getBytes(StandardCharsets.US_ASCII));
        pax.write(' ');
        pax.writeBytes(k);
        pax.write('=');
        pax.writeBytes(value);
        pax.write('\n');
    }
}
