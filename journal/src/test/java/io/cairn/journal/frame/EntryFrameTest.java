package io.cairn.journal.frame;

import io.cairn.journal.JournalEntry;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EntryFrameTest {

    private static byte[] frame(long index, String type, byte[] payload) {
        ByteBuffer buffer = ByteBuffer.allocate(EntryFrame.frameSize(
                type.getBytes(StandardCharsets.UTF_8).length, payload.length));
        EntryFrame.encode(buffer, index, type, 3, 1_700_000_000_123_456_789L, 1000, payload);
        assertEquals(buffer.capacity(), buffer.position(), "frameSize must match what encode writes");
        return buffer.array();
    }

    @Test
    void roundTripsEveryField() {
        byte[] payload = "{\"name\":\"vol1\"}".getBytes(StandardCharsets.UTF_8);
        byte[] frame = frame(42, "volume.créate", payload);

        JournalEntry entry = assertInstanceOf(DecodedFrame.Valid.class, EntryFrame.decode(frame, frame.length)).entry();

        assertEquals(42, entry.index());
        assertEquals("volume.créate", entry.type());
        assertEquals(3, entry.schemaVersion());
        assertEquals(1_700_000_000_123_456_789L, entry.timeNanos());
        assertEquals(1000, entry.uid());
        assertArrayEquals(payload, entry.payload());
        assertEquals(ByteBuffer.wrap(frame, frame.length - 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(),
                entry.crc32c());
    }

    @Test
    void emptyPayloadIsAnEntry() {
        byte[] frame = frame(1, "t", new byte[0]);
        JournalEntry entry = assertInstanceOf(DecodedFrame.Valid.class, EntryFrame.decode(frame, frame.length)).entry();
        assertEquals(0, entry.payload().length);
    }

    @Test
    void everySingleBitFlipIsDetected() {
        byte[] good = frame(7, "image.tag", "payload-bytes".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = Arrays.copyOf(good, good.length);
                bad[i] ^= (byte) (1 << bit);
                assertInstanceOf(DecodedFrame.Corrupt.class, EntryFrame.decode(bad, bad.length),
                        "flip of bit " + bit + " in byte " + i + " went unnoticed");
            }
        }
    }

    @Test
    void truncatedFrameIsCorruptAndStillNamesItsClaimedIndex() {
        byte[] good = frame(99, "container.start", new byte[64]);
        for (int length = 0; length < good.length; length++) {
            DecodedFrame.Corrupt corrupt = assertInstanceOf(DecodedFrame.Corrupt.class, EntryFrame.decode(good, length),
                    "a frame cut to " + length + " bytes was accepted");
            assertEquals(length >= 9 ? 99 : -1, corrupt.claimedIndex());
        }
    }

    @Test
    void unknownVersionWithMatchingCrcIsRejected() {
        byte[] frame = frame(5, "t", new byte[]{1, 2, 3});
        frame[0] = 2;
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(frame, 0, frame.length - 4);
        ByteBuffer.wrap(frame).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(frame.length - 4, (int) crc.getValue());

        DecodedFrame.Corrupt corrupt = assertInstanceOf(DecodedFrame.Corrupt.class, EntryFrame.decode(frame, frame.length));
        assertTrue(corrupt.reason().contains("version 2"), corrupt.reason());
    }

    @Test
    void rejectsBadArgumentsNamingTheType() {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        assertThrows(IllegalArgumentException.class, () -> EntryFrame.encode(buffer, 1, "", 1, 0, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> EntryFrame.encode(buffer, 1, null, 1, 0, 0, new byte[0]));
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> EntryFrame.encode(buffer, 1, "x".repeat(256), 1, 0, 0, new byte[0]));
        assertTrue(tooLong.getMessage().contains("256 bytes"), tooLong.getMessage());
        IllegalArgumentException nullPayload = assertThrows(IllegalArgumentException.class,
                () -> EntryFrame.encode(buffer, 1, "volume.create", 1, 0, 0, null));
        assertTrue(nullPayload.getMessage().contains("volume.create"), nullPayload.getMessage());
    }
}
