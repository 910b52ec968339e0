package io.cairn.storage.index.rocks;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.cairn.storage.index.IndexBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Run in a child JVM by {@link RocksNativeLibraryTest}: opens a store and reports how RocksDB was loaded. */
public final class NativeLoadProbe {
    public static void main(String[] args) throws Exception {
        try (RocksIndexStore store = RocksIndexStore.open(Path.of(args[0]), List.of("images"), false)) {
            store.write(new IndexBatch().put("images", "k".getBytes(UTF_8), "v".getBytes(UTF_8)));
            System.out.println("value=" + new String(store.get("images", "k".getBytes(UTF_8)), UTF_8));
        }
        System.out.println("loadedFrom=" + RocksNativeLibrary.loadedFrom());
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.contains("librocksdbjni")) {
                System.out.println("mapped=" + line.substring(line.indexOf('/')));
                break;
            }
        }
    }
}
