package io.cairn.engine.build.copy;

import java.nio.charset.StandardCharsets;

/**
 * Whether a block is a tar header, with the test Go's {@code archive/tar} applies (and so Docker's
 * ADD): the block is not all zeros (an empty archive is not unpacked) and its checksum field
 * holds the sum of the header's bytes, counting the field itself as spaces, either unsigned or
 * signed (old writers summed signed chars).
 */
final class TarHeaders {

    /** The size of a tar block. */
    static final int BLOCK = 512;

    private static final int CHECKSUM_AT = 148;
    private static final int CHECKSUM_LENGTH = 8;

    private TarHeaders() {
    }

    static boolean isHeader(byte[] block) {
        if (block.length < BLOCK) {
            return false;
        }
        boolean zero = true;
        long unsigned = 0;
        long signed = 0;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i >= CHECKSUM_AT && i < CHECKSUM_AT + CHECKSUM_LENGTH ? (byte) ' ' : block[i];
            zero &= block[i] == 0;
            unsigned += b & 0xff;
            signed += b;
        }
        if (zero) {
            return false;
        }
        String field = new String(block, CHECKSUM_AT, CHECKSUM_LENGTH, StandardCharsets.US_ASCII)
                .replace('\0', ' ').strip();
        if (field.isEmpty() || !field.matches("[0-7]+")) {
            return false;
        }
        long recorded = Long.parseLong(field, 8);
        return recorded == unsigned || recorded == signed;
    }
}
