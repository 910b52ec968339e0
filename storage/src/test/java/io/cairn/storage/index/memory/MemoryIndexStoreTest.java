package io.cairn.storage.index.memory;

import io.cairn.storage.index.IndexStore;
import io.cairn.storage.index.IndexStoreContractTest;
import java.util.List;

class MemoryIndexStoreTest extends IndexStoreContractTest {
    @Override
    protected IndexStore newStore(List<String> families) {
        return MemoryIndexStore.open(families);
    }
}
