package io.cairn.storage.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.storage.digest.Digest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainIdsTest {
    private final Digest a = Digest.sha256("layer a");
    private final Digest b = Digest.sha256("layer b");
    private final Digest c = Digest.sha256("layer c");

    @Test
    void followsTheOciDefinition() {
        assertEquals(a, ChainIds.of(List.of(a)));
        Digest ab = Digest.sha256(a + " " + b);
        assertEquals(ab, ChainIds.of(List.of(a, b)));
        assertEquals(Digest.sha256(ab + " " + c), ChainIds.of(List.of(a, b, c)));
        assertEquals(ab, ChainIds.next(Optional.of(a), b));
        assertEquals(b, ChainIds.next(Optional.empty(), b));
    }

    @Test
    void orderMatters() {
        assertEquals(false, ChainIds.of(List.of(a, b)).equals(ChainIds.of(List.of(b, a))));
    }

    @Test
    void needsAtLeastOneLayer() {
        assertThrows(IllegalArgumentException.class, () -> ChainIds.of(List.of()));
    }
}
