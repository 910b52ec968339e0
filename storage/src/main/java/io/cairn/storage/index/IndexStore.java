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
 *       {@link #lastApplied()}.</li>
 *   <li>{@link #write(IndexBatch)} is atomic: after a crash either all of a batch is visible or none
 *       of it, including its {@code lastApplied} mark.</li>
 *   <li>Reads see every batch written before they started. Keys are compared as unsigned bytes.</li>
 *   <li>{@link #digest()} is a sha256 over every family but {@link #META}, in family-name order and
 *       key order, so two stores with the same content have the same digest whatever their write
 *       history.</li>
 * </ul>
 */
public interface IndexStore extends Closeable {

    /** The family that holds bookkeeping such as the last applied journal index. */
    String META = "meta";

    /** The value for {@code key} in {@code family}, or {@code null}. */
    byte[] get(String family, byte[] key);

    /**
     * Visits, in key order, every entry of {@code family} whose key starts with {@code prefix} (all
     * entries for an empty prefix) until the visitor returns {@code false}.
     */
    void scan(String family, byte[] prefix, Visitor visitor);

    /** Applies the batch atomically. */
    void write(IndexBatch batch);

    /** The journal index recorded by the last batch that set one, 0 for a new store. */
    long lastApplied();

    /** sha256 over the content of every family except {@link #META}. */
    Digest digest();

    /** Receives entries during {@link #scan}. */
    @FunctionalInterface
    interface Visitor {
        /** @return {@code false} to stop the scan */
        boolean visit(byte[] key, byte[] value);
    }
}
