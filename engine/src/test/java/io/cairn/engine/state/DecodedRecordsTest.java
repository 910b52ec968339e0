package io.cairn.engine.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A family's records decoded once while their bytes stay the same; changed bytes decode anew, removed keys go. */
class DecodedRecordsTest {

    record Thing(String name, int count) {
    }

    /** One family in a sorted map, as the index scans it. */
    private static final class MapState implements StateReader {
        final TreeMap<String, byte[]> rows = new TreeMap<>();

        @Override
        public byte[] get(String family, String key) {
            return rows.get(key);
        }

        @Override
        public void scan(String family, String prefix, Visitor visitor) {
            for (var e : rows.tailMap(prefix).entrySet()) {
                if (!e.getKey().startsWith(prefix) || !visitor.visit(e.getKey(), e.getValue().clone())) {
                    return;
                }
            }
        }
    }

    @Test
    void unchangedBytesGiveTheSameRecordChangedOnesANewOne() {
        MapState state = new MapState();
        state.rows.put("a", StateCodec.encode(new Thing("a", 1)));
        state.rows.put("b", StateCodec.encode(new Thing("b", 2)));
        DecodedRecords<Thing> decoded = new DecodedRecords<>("things", Thing.class);

        List<Thing> first = decoded.list(state);
        assertEquals(List.of(new Thing("a", 1), new Thing("b", 2)), first);

        state.rows.put("b", StateCodec.encode(new Thing("b", 3)));
        List<Thing> second = decoded.list(state);
        assertEquals(List.of(new Thing("a", 1), new Thing("b", 3)), second);
        assertSame(first.get(0), second.get(0), "a's bytes did not change: not decoded again");
        assertNotSame(first.get(1), second.get(1));

        state.rows.remove("a");
        assertEquals(List.of(new Thing("b", 3)), decoded.list(state));
        assertEquals(1, decoded.size(), "a removed record is forgotten");
    }
}
