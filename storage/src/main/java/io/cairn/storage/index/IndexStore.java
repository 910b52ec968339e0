package io.cairn.storage.index;

import io.cairn.storage.digest.Digest;
import java.io.Closeable;

/**
 * A persistent, ordered key-value index divided into named families (RocksDB column families in
 * the implementation; no RocksDB type crosses this interface).
 *
 * <p>Contract:
 * <ul>
 *   <li>The families are fixed at open; a family named {@link #META} always exists and holds
 *       {@link #lastApplied()} under the key {@link #LAST_APPLIED_KEY} (8 bytes, big-endian).
 *       Naming any other family is an {@link IllegalArgumentException} that names it.</li>
 *   <li>{@link #write(IndexBatch)} is atomic: after a crash either all of a batch is visible or none
 *       of it, including its {@code lastApplied} mark; readers never see half a batch.</li>
 *   <li>Reads see every batch written before they started. Keys are compared as unsigned bytes.
 *       Returned arrays belong to the caller; arrays handed to a batch must not change until
 *       {@link #write} returns.</li>
 *   <li>{@link #digest()} is a sha256 over every family but {@link #META}, in family-name order and
 *       key order, so two stores with the same content have the same digest whatever their write
 *       history or implementation. Each entry contributes
 *       {@code u32(len(family)) family u32(len(key)) key u32(len(value)) value} (big-endian lengths,
 *       family name in UTF-8); empty families contribute nothing. See {@link IndexDigester}.</li>
 *   <li>Safe for one writer and any number of concurrent readers. A failure of the underlying
 *       storage (I/O error, full disk) is an {@link IndexStoreException} naming the store's
 *       location; use after {@link #close()} is an {@link IllegalStateException}. Closing is
 *       idempotent.</li>
 * </ul>
 */
public interface IndexStore extends Closeable {

    /** The family that holds bookkeeping such as the last applied journal index. */
    String META = "meta";

    /** The key, in {@link #META}, of the last applied journal index (ASCII {@code lastApplied}). */
    byte[] LAST_APPLIED_KEY = {'l', 'a', 's', 't', 'A', 'p', 'p', 'l', 'i', 'e', 'd'};

    /** The value for {@code key} in {@code family}, or {@code null}. */
    byte[] get(String family, byte[] key);

    /**
     * Visits, in unsigned key order, every entry of {@code family} whose key starts with
     * {@code prefix} (all entries for an empty prefix) until the visitor returns {@code false}.
     * The scan reads a consistent snapshot taken when it starts.
     */
    void scan(String family, byte[] prefix, Visitor visitor);

    /** Applies the batch atomically; an empty batch does nothing. */
    void write(IndexBatch batch);

    /** The journal index recorded by the last batch that set one, 0 for a new store. */
    long lastApplied();

    /** sha256 over the content of every family except {@link #META}; see the class contract. */
    Digest digest();

    /** Receives entries during {@link #scan}. */
    @FunctionalInterface
    interface Visitor {
        /** @return {@code false} to stop the scan */
        boolean visit(byte[] key, byte[] value);
    }
}
