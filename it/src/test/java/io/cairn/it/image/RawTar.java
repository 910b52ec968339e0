package io.cairn.it.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Tar headers written byte by byte (GNU format), for entries no tar library should be asked to
 * produce: metadata records larger than any reader should accept.
 */
final class RawTar {

    private static final int BLOCK = 512;

    private RawTar() {
    }

    /** A GNU long-name record ({@code ././@LongLink}, type L) of {@code length} name bytes, then its file. */
    static byte[] overlongGnuName(int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] name = ("long/" + "n".repeat(length - 5) + "\0").getBytes(StandardCharsets.US_ASCII);
        write(out, header("././@LongLink", 'L', name.length), name);
        write(out, header("long/nnnn", '0', 1), new byte[] {'x'});
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    /** A PAX extended header (type x) whose one {@code comment} record is {@code length} bytes, then its file. */
    static byte[] overlongPax(int length) {
        String body = " comment=" + "c".repeat(length) + "\n";
        int total = body.length();
        while (total != body.length() + Integer.toString(total).length()) {
            total = body.length() + Integer.toString(total).length();
        }
        byte[] record = (total + body).getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, header("PaxHeaders/etc/pax-bomb", 'x', record.length), record);
        write(out, header("etc/pax-bomb", '0', 1), new byte[] {'x'});
        out.writeBytes(new byte[2 * BLOCK]);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, byte[] header, byte[] data) {
        out.writeBytes(header);
        out.writeBytes(data);
        out.writeBytes(new byte[(BLOCK - data.length % BLOCK) % BLOCK]);
    }

    /** A GNU header (magic "ustar  "), root-owned, mode 0755 (directories) or 0644, mtime 0, with its checksum. */
    static byte[] header(String name, char type, long size) {
        byte[] h = new byte[BLOCK];
        put(h, 0, 100, name);
        put(h, 100, 8, type == '5' ? "0000755" : "0000644");
        put(h, 108, 8, "0000000");
        put(h, 116, 8, "0000000");
        put(h, 124, 12, String.format("%011o", size));
        put(h, 136, 12, "00000000000");
        h[156] = (byte) type;
        put(h, 257, 8, "ustar  ");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        int sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, String.format("%06o", sum));
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] header, int offset, int length, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > length) {
            throw new IllegalArgumentException("tar header field of " + length + " bytes cannot hold " + value);
        }
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }
}
