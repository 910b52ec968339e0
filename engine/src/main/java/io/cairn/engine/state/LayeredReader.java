package io.cairn.engine.state;

import io.cairn.storage.index.IndexStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A {@link StateReader} over the index with an {@link Overlay} of decided, unindexed writes on top. */
public final class LayeredReader implements StateReader {

    private final IndexStore store;
    private final Overlay overlay;

    public LayeredReader(IndexStore store, Overlay overlay) {
        this.store = store;
        this.overlay = overlay;
    }

    @Override
    public byte[] get(String family, String key) {
        Overlay.Pending pending = overlay.lookup(family, key);
        if (pending != null) {
            return pending.value();
        }
        return store.get(family, key.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void scan(String family, String prefix, Visitor visitor) {
        List<Map.Entry<String, Overlay.Pending>> pending = overlay.range(family, prefix);
        if (pending.isEmpty()) {
            store.scan(family, prefix.getBytes(StandardCharsets.UTF_8),
                    (k, v) -> visitor.visit(new String(k, StandardCharsets.UTF_8), v));
            return;
        }
        int[] next = {0};
        boolean[] stopped = {false};
        store.scan(family, prefix.getBytes(StandardCharsets.UTF_8), (k, v) -> {
            String key = new String(k, StandardCharsets.UTF_8);
            while (next[0] < pending.size()) {
                var p = pending.get(next[0]);
                int c = Overlay.compareUnsigned(p.getKey(), key);
                if (c > 0) {
                    break;
                }
                next[0]++;
                if (c == 0) {
                    // the pending write replaces the stored value
                    return emit(visitor, key, p.getValue().value(), stopped);
                }
                if (!emit(visitor, p.getKey(), p.getValue().value(), stopped)) {
                    return false;
                }
            }
            return emit(visitor, key, v, stopped);
        });
        for (int i = next[0]; i < pending.size() && !stopped[0]; i++) {
            emit(visitor, pending.get(i).getKey(), pending.get(i).getValue().value(), stopped);
        }
    }

    private static boolean emit(Visitor visitor, String key, byte[] valueOrNull, boolean[] stopped) {
        if (valueOrNull == null) {
            return true; // a pending delete hides the key
        }
        boolean more = visitor.visit(key, valueOrNull);
        stopped[0] = !more;
        return more;
    }
}
