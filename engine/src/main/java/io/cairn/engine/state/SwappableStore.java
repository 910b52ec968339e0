package io.cairn.engine.state;

import io.cairn.storage.digest.Digest;
import io.cairn.storage.index.IndexBatch;
import io.cairn.storage.index.IndexStore;

/**
 * An {@link IndexStore} whose target can be replaced while the pipeline is quiesced (by a rebuild);
 * everything else holds this one reference.
 */
public class SwappableStore implements IndexStore {

    private volatile IndexStore target;

    public SwappableStore(IndexStore target) {
        this.target = target;
    }

    public IndexStore target() {
        return target;
    }

    public void swap(IndexStore next) {
        this.target = next;
    }

    @Override
    public byte[] get(String family, byte[] key) {
        return target.get(family, key);
    }

    @Override
    public void scan(String family, byte[] prefix, Visitor visitor) {
        target.scan(family, prefix, visitor);
    }

    @Override
    public void write(IndexBatch batch) {
        target.write(batch);
    }

    @Override
    public long lastApplied() {
        return target.lastApplied();
    }

    @Override
    public Digest digest() {
        return target.digest();
    }

    @Override
    public void close() throws java.io.IOException {
        target.close();
    }
}
