package io.cairn.engine.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cairn.storage.index.IndexBatch;
import io.cairn.storage.index.memory.MemoryIndexStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayeredReaderTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private final MemoryIndexStore store = MemoryIndexStore.open(Families.ALL);
    private final Overlay overlay = new Overlay();
    private final LayeredReader reader = new LayeredReader(store, overlay);

    private List<String> scan(String prefix) {
        List<String> seen = new ArrayList<>();
        reader.scan(Families.VOLUMES, prefix, (k, v) -> seen.add(k + "=" + new String(v, StandardCharsets.UTF_8)));
        return seen;
    }

    @Test
    void pendingWritesShadowTheIndexInKeyOrder() {
        store.write(new IndexBatch().put(Families.VOLUMES, b("a"), b("1")).put(Families.VOLUMES, b("c"), b("3"))
                .put(Families.VOLUMES, b("e"), b("5")).put(Families.IMAGES, b("b"), b("x")));
        overlay.add(Families.VOLUMES, "b", b("2"));
        overlay.add(Families.VOLUMES, "c", b("33"));
        overlay.add(Families.VOLUMES, "e", null);
        overlay.add(Families.VOLUMES, "f", b("6"));
        assertEquals(List.of("a=1", "b=2", "c=33", "f=6"), scan(""));
        assertArrayEquals(b("33"), reader.get(Families.VOLUMES, "c"));
        assertNull(reader.get(Families.VOLUMES, "e"));
        assertArrayEquals(b("x"), reader.get(Families.IMAGES, "b"));
    }

    @Test
    void prefixScansStopEarlyAndStayInTheirFamily() {
        store.write(new IndexBatch().put(Families.VOLUMES, b("ab1"), b("1")).put(Families.VOLUMES, b("b"), b("2")));
        overlay.add(Families.VOLUMES, "ab0", b("0"));
        overlay.add(Families.VOLUMES, "ab2", b("2"));
        overlay.add(Families.TAGS, "ab3", b("t"));
        assertEquals(List.of("ab0=0", "ab1=1", "ab2=2"), scan("ab"));
        List<String> first = new ArrayList<>();
        reader.scan(Families.VOLUMES, "", (k, v) -> {
            first.add(k);
            return false;
        });
        assertEquals(List.of("ab0"), first);
    }

    @Test
    void aReleaseKeepsANewerWriteToTheSameKey() {
        Overlay.Pending older = overlay.add(Families.VOLUMES, "k", b("old"));
        overlay.add(Families.VOLUMES, "k", b("new"));
        overlay.release(Families.VOLUMES, "k", older);
        assertArrayEquals(b("new"), reader.get(Families.VOLUMES, "k"));
    }
}
