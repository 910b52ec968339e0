package io.cairn.journal.frame;

import io.cairn.journal.JournalEntry;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Encodes and decodes entry frames (layout in {@link io.cairn.journal.frame the package doc}).
 *
 * <p>Decoding never throws on bad input: whatever the bytes, it returns a {@link DecodedFrame},
 * because a reader must be able to step over a damaged frame and report it.
 */
public final class EntryFrame {

    /** The only format version written so far. */
    public static final byte VERSION = 1;
    /** Longest type name accepted, in UTF-8 bytes. */
    public static final int MAX_TYPE_BYTES = 255;
    /** Largest payload accepted; journal entries are events, not blobs. */
    public static final int MAX_PAYLOAD_BYTES = 16 << 20;

    private static final int INDEX_OFFSET = 1;
    /** version + index + time + uid + schema + type length + payload length + crc. */
    private static final int FIXED_BYTES = 1 + 8 + 8 + 4 + 4 + 4 + 4 + 4;

    private EntryFrame() {
    }

    /** Size of the frame that {@link #encode} writes for these field sizes. */
    public static int frameSize(int typeBytes, int payloadBytes) {
        return FIXED_BYTES + typeBytes + payloadBytes;
    }

    /**
     * Encodes a frame into {@code buffer} from its position, which must have room for
     * {@link #frameSize} bytes, and returns the frame's CRC32C.
     *
     * @throws IllegalArgumentException when the type is empty or too long, or the payload too large
     */
    public static int encode(ByteBuffer buffer, long index, String type, int schemaVersion,
                             long timeNanos, int uid, byte[] payload) {
        byte[] typeBytes = typeBytes(type);
        checkPayload(type, payload);
        ByteBuffer out = buffer.order(ByteOrder.LITTLE_ENDIAN);
        int start = out.position();
        out.put(VERSION)
           .putLong(index)
           .putLong(timeNanos)
           .putInt(uid)
           .putInt(schemaVersion)
           .putInt(typeBytes.length)
           .put(typeBytes)
           .putInt(payload.length)
           .put(payload);
        CRC32C crc = new CRC32C();
        crc.update(out.duplicate().position(start).limit(out.position()));
        int value = (int) crc.getValue();
        out.putInt(value);
        return value;
    }

    /** Validates a type name and returns its UTF-8 bytes. */
    public static byte[] typeBytes(String type) {
        if (type == null || type.isEmpty()) {
            throw new IllegalArgumentException("journal entry type must not be empty");
        }
        byte[] bytes = type.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_TYPE_BYTES) {
            throw new IllegalArgumentException("journal entry type '" + type + "' is " + bytes.length
                    + " bytes of UTF-8, the limit is " + MAX_TYPE_BYTES);
        }
        return bytes;
    }

    private static void checkPayload(String type, byte[] payload) {
        if (payload == null) {
            throw new IllegalArgumentException("journal entry of type '" + type + "' has a null payload");
        }
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("journal entry of type '" + type + "' has a payload of "
                    + payload.length + " bytes, the limit is " + MAX_PAYLOAD_BYTES);
        }
    }

    /** Decodes the frame held in {@code frame[0..length)}. */
    public static DecodedFrame decode(byte[] frame, int length) {
        long claimed = length >= INDEX_OFFSET + 8
                ? ByteBuffer.wrap(frame, INDEX_OFFSET, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()
                : -1;
        if (length < FIXED_BYTES) {
            return new DecodedFrame.Corrupt("frame of " + length + " bytes is shorter than the "
                    + FIXED_BYTES + "-byte minimum", claimed);
        }
        // Check the CRC first: every length below comes from the frame itself.
        CRC32C crc = new CRC32C();
        crc.update(frame, 0, length - 4);
        ByteBuffer in = ByteBuffer.wrap(frame, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        int stored = in.getInt(length - 4);
        if ((int) crc.getValue() != stored) {
            return new DecodedFrame.Corrupt(String.format("CRC32C mismatch: stored %08x, computed %08x",
                    stored, (int) crc.getValue()), claimed);
        }
        byte version = in.get();
        if (version != VERSION) {
            return new DecodedFrame.Corrupt("unknown frame format version " + version, claimed);
        }
        long index = in.getLong();
        long timeNanos = in.getLong();
        int uid = in.getInt();
        int schemaVersion = in.getInt();
        int typeLength = in.getInt();
        if (typeLength < 1 || typeLength > MAX_TYPE_BYTES || typeLength > in.remaining() - 8) {
            return new DecodedFrame.Corrupt("type length " + typeLength + " is out of bounds", claimed);
        }
        String type = new String(frame, in.position(), typeLength, StandardCharsets.UTF_8);
        in.position(in.position() + typeLength);
        int payloadLength = in.getInt();
        if (payloadLength != in.remaining() - 4) {
            return new DecodedFrame.Corrupt("payload length " + payloadLength + " does not match the "
                    + (in.remaining() - 4) + " bytes left in the frame", claimed);
        }
        byte[] payload = new byte[payloadLength];
        in.get(payload);
        return new DecodedFrame.Valid(
                new JournalEntry(index, type, schemaVersion, timeNanos, uid, stored, payload));
    }
}
