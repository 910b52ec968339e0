package io.cairn.storage.index;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** Byte-key helpers shared by the {@link IndexStore} implementations. */
public final class Keys {

    private Keys() {
    }

    /** Whether {@code key} starts with {@code prefix}. */
    public static boolean hasPrefix(byte[] key, byte[] prefix) {
        return key.length >= prefix.length
                && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * The smallest key greater than every key that starts with {@code prefix}, in unsigned order,
     * or {@code null} when there is none (empty prefix, or all bytes 0xff).
     */
    public static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xff) {
                byte[] end = Arrays.copyOf(prefix, i + 1);
                end[i]++;
                return end;
            }
        }
        return null;
    }

    /** The 8-byte big-endian encoding of the lastApplied mark. */
    public static byte[] encodeLong(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

    /** Decodes {@link #encodeLong}; {@code what} names the value in the error. */
    public static long decodeLong(byte[] bytes, String what) {
        if (bytes.length != Long.BYTES) {
            throw new IndexStoreException(what + ": expected 8 bytes, found " + bytes.length);
        }
        return ByteBuffer.wrap(bytes).getLong();
    }

    /** A key for error messages: quoted if printable ASCII, else hex; cut after 64 bytes. */
    public static String describe(byte[] key) {
        int n = Math.min(key.length, 64);
        boolean printable = true;
        for (int i = 0; i < n; i++) {
            printable &= key[i] >= 0x20 && key[i] < 0x7f;
        }
        String shown = printable
                ? "\"" + new String(key, 0, n, java.nio.charset.StandardCharsets.US_ASCII) + "\""
                : "0x" + java.util.HexFormat.of().formatHex(key, 0, n);
        return key.length > n ? shown + "… (" + key.length + " bytes)" : shown;
    }
}
