package io.cairn.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.api.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class WaitConditionTest {

    @Test
    void waitConditions() {
        assertEquals(WaitCondition.NOT_RUNNING, WaitCondition.parse(null));
        assertEquals(WaitCondition.NOT_RUNNING, WaitCondition.parse("not-running"));
        assertEquals(WaitCondition.NEXT_EXIT, WaitCondition.parse("next-exit"));
        assertEquals(WaitCondition.REMOVED, WaitCondition.parse("removed"));
        assertThrows(InvalidArgumentException.class, () -> WaitCondition.parse("whenever"));
    }
}
