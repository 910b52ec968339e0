package io.cairn.engine;

import io.cairn.engine.layout.RootLayout;
import io.cairn.engine.container.OciBundleWriter;
import io.cairn.engine.runtime.ContainerRuntime;
import io.cairn.engine.runtime.runc.ConmonRuncRuntime;
import io.cairn.engine.runtime.runc.RuncOptions;
import io.cairn.engine.runtime.spec.SpecGenerator;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.IndexLocation;
import io.cairn.engine.state.SwappableStore;
import io.cairn.journal.Durability;
import io.cairn.journal.Journal;
import io.cairn.journal.chronicle.ChronicleJournal;
import io.cairn.storage.index.IndexStore;
import io.cairn.storage.index.memory.MemoryIndexStore;
import java.nio.file.Path;

/** Engines over a real journal in a temp root and an index that survives "restarts" in memory. */
public final class TestEngines {

    private TestEngines() {
    }

    /** An in-memory index location whose live store persists across opens, like a directory would. */
    public static final class MemoryLocation implements IndexLocation {
        private MemoryIndexStore live = MemoryIndexStore.open(Families.ALL);

        @Override
        public IndexStore open() {
            return new SwappableStore(live) {
                @Override
                public void close() {
                    // the memory index outlives the engine, as a directory would
                }
            };
        }

        @Override
        public IndexStore openScratch() {
            return MemoryIndexStore.open(Families.ALL);
        }

        @Override
        public IndexStore promote(IndexStore current, IndexStore scratch) {
            live = (MemoryIndexStore) scratch;
            return open();
        }

        /** Loses the index, as a deleted index directory would. */
        public void wipe() {
            live = MemoryIndexStore.open(Families.ALL);
        }
    }

    public static Journal journal(Path root) {
        return ChronicleJournal.open(root.resolve("journal"), Durability.PROCESS);
    }

    public static Engine open(Path root, MemoryLocation location) {
        try {
            return Engine.open(new RootLayout(root).create(), journal(root), location, 1024, 0,
                    new ConmonRuncRuntime(RuncOptions.defaults(root)), new OciBundleWriter(SpecGenerator.forThisHost()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An engine whose containers run in {@code runtime} (a {@link FakeRuntime}); bundles are not written. */
    public static Engine open(Path root, MemoryLocation location, ContainerRuntime runtime) {
        return Engine.open(new RootLayout(root).create(), journal(root), location, 1024, 0, runtime,
                (container, rootfs, bundle, mounts) -> { });
    }
}
