package io.cairn.storage.index.rocks;

import io.cairn.storage.index.IndexBatch;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Encodes an {@link IndexBatch} as RocksDB's serialized {@code WriteBatch} ({@code rep_} in
 * RocksDB's write_batch.cc), which {@code new WriteBatch(byte[])} takes in one JNI call instead of
 * one call per put or delete (a third of a batch's cost in Java for the replay's 16k-op batches):
 *
 * <pre>
 * rep    := sequence:fixed64 count:fixed32 record*        (little-endian; the sequence is set by the write)
 * record := 0x01 key value | 0x00 key                     (default family: put | delete)
 *         | 0x05 cf:varint32 key value | 0x04 cf:varint32 key   (other families)
 * key, value := length:varint32 bytes
 * </pre>
 *
 * The bytes are the same as those RocksJava's {@code WriteBatch.put}/{@code delete} build
 * (WriteBatchRepTest compares them).
 */
final class WriteBatchRep {

    private static final int HEADER = 12;
    private static final byte PUT = 0x01;
    private static final byte DELETE = 0x00;
    private static final byte FAMILY_PUT = 0x05;
    private static final byte FAMILY_DELETE = 0x04;

    private WriteBatchRep() {
    }

    /**
     * The serialized batch of {@code ops}, then, when {@code markKey} is not null, a put of
     * {@code markKey → markValue} in family {@code markFamily}.
     *
     * @param familyId the RocksDB column family id of a family name
     */
    static byte[] encode(List<IndexBatch.Op> ops, ToIntFunction<String> familyId, int markFamily, byte[] markKey,
                         byte[] markValue) {
        int count = ops.size() + (markKey == null ? 0 : 1);
        // family ids are looked up once per op: computed in the sizing pass, reused in the writing pass
        int[] ids = new int[ops.size()];
        long size = HEADER;
        for (int i = 0; i < ops.size(); i++) {
            IndexBatch.Op op = ops.get(i);
            ids[i] = familyId.applyAsInt(op.family());
            size += recordSize(ids[i], op.key(), op.value());
        }
        if (markKey != null) {
            size += recordSize(markFamily, markKey, markValue);
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("index batch of " + count + " ops is " + size + " bytes, too large");
        }
        byte[] rep = new byte[(int) size];
        int at = 8; // sequence: 0, filled in by the write
        rep[at++] = (byte) count;
        rep[at++] = (byte) (count >>> 8);
        rep[at++] = (byte) (count >>> 16);
        rep[at++] = (byte) (count >>> 24);
        for (int i = 0; i < ops.size(); i++) {
            IndexBatch.Op op = ops.get(i);
            at = record(rep, at, ids[i], op.key(), op.value());
        }
        if (markKey != null) {
            at = record(rep, at, markFamily, markKey, markValue);
        }
        return rep;
    }

    private static long recordSize(int family, byte[] key, byte[] value) {
        long size = 1 + (family == 0 ? 0 : varintSize(family)) + varintSize(key.length) + key.length;
        return value == null ? size : size + varintSize(value.length) + value.length;
    }

    private static int record(byte[] rep, int at, int family, byte[] key, byte[] value) {
        if (family == 0) {
            rep[at++] = value == null ? DELETE : PUT;
        } else {
            rep[at++] = value == null ? FAMILY_DELETE : FAMILY_PUT;
            at = varint(rep, at, family);
        }
        at = bytes(rep, at, key);
        return value == null ? at : bytes(rep, at, value);
    }

    private static int bytes(byte[] rep, int at, byte[] data) {
        at = varint(rep, at, data.length);
        System.arraycopy(data, 0, rep, at, data.length);
        return at + data.length;
    }

    private static int varint(byte[] rep, int at, int value) {
        int v = value;
        while ((v & ~0x7F) != 0) {
            rep[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        rep[at++] = (byte) v;
        return at;
    }

    private static int varintSize(int value) {
        int v = value;
        int n = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
