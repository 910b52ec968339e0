package io.cairn.storage.layer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds tar bytes header by header, including ones no sane writer produces (hostile corpus).
 * Fields are ustar; the checksum is computed unless {@link #corruptChecksum()} is called.
 */
public final class RawTar {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean corrupt;

    public RawTar corruptChecksum() {
        corrupt = true;
        return this;
    }

    public RawTar entry(String name, char flag, int mode, String link, byte[] data) {
        return entry(name.getBytes(StandardCharsets.UTF_8), flag, mode, link, data, 0, 0);
    }

    public RawTar file(String name, String content) {
        return entry(name, '0', 0644, "", content.getBytes(StandardCharsets.UTF_8));
    }

    public RawTar dir(String name) {
        return entry(name, '5', 0755, "", new byte[0]);
    }

    public RawTar symlink(String name, String target) {
        return entry(name, '2', 0777, target, new byte[0]);
    }

    public RawTar hardlink(String name, String target) {
        return entry(name, '1', 0644, target, new byte[0]);
    }

    public RawTar device(String name, char flag, int major, int minor) {
        return entry(name.getBytes(StandardCharsets.UTF_8), flag, 0666, "", new byte[0], major, minor);
    }

    /** A header announcing {@code size} bytes, followed by {@code data} (which may be shorter). */
    public RawTar header(String name, char flag, long size, byte[] data) {
        writeHeader(name.getBytes(StandardCharsets.UTF_8), flag, 0644, "", size, 0, 0);
        out.writeBytes(data);
        pad(data.length);
        return this;
    }

    public RawTar entry(byte[] name, char flag, int mode, String link, byte[] data, int major, int minor) {
        writeHeader(name, flag, mode, link, data.length, major, minor);
        out.writeBytes(data);
        pad(data.length);
        return this;
    }

    /** A PAX extended header with the given records ("key=value", raw bytes). */
    public RawTar pax(byte[]... records) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] r : records) {
            body.writeBytes(paxRecord(r));
        }
        return entry("PaxHeaders/x", 'x', 0644, "", body.toByteArray());
    }

    /** {@code count} global PAX headers, each holding {@code record}. */
    public RawTar globalPax(byte[] record, int count) {
        for (int i = 0; i < count; i++) {
            entry("PaxHeaders/g" + i, 'g', 0644, "", paxRecord(record));
        }
        return this;
    }

    /** {@code "<len> key=value\n"}, len counting the whole record, its own digits included. */
    private static byte[] paxRecord(byte[] r) {
        int fixed = r.length + 2;
        int len = fixed + 1;
        while (len != fixed + String.valueOf(len).length()) {
            len = fixed + String.valueOf(len).length();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((len + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(r);
        out.write('\n');
        return out.toByteArray();
    }

    public RawTar end() {
        out.writeBytes(new byte[1024]);
        return this;
    }

    public byte[] bytes() {
        return out.toByteArray();
    }

    private void pad(int n) {
        int pad = (512 - n % 512) % 512;
        out.writeBytes(new byte[pad]);
    }

    private void writeHeader(byte[] name, char flag, int mode, String link, long size, int major, int minor) {
        byte[] h = new byte[512];
        System.arraycopy(name, 0, h, 0, Math.min(100, name.length));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 1_600_000_000L);
        h[156] = (byte) flag;
        byte[] l = link.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(l, 0, h, 157, Math.min(100, l.length));
        System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, h, 257, 6);
        h[263] = '0';
        h[264] = '0';
        octal(h, 329, 8, major);
        octal(h, 337, 8, minor);
        Arrays.fill(h, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        octal(h, 148, 7, corrupt ? sum + 1 : sum);
        out.writeBytes(h);
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = Long.toOctalString(v);
        s = "0".repeat(Math.max(0, len - 1 - s.length())) + s;
        System.arraycopy(s.getBytes(StandardCharsets.US_ASCII), 0, h, off, len - 1);
    }
}
