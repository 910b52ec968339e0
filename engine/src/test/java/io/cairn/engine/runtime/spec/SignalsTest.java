package io.cairn.engine.runtime.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.api.InvalidArgumentException;
import org.junit.jupiter.api.Test;

class SignalsTest {

    @Test
    void namesAndNumbers() {
        assertEquals(15, Signals.number("SIGTERM"));
        assertEquals(15, Signals.number("term"));
        assertEquals(9, Signals.number("9"));
        assertEquals(37, Signals.number("SIGRTMIN+3"));
        assertEquals(64, Signals.number("RTMAX"));
        assertEquals("SIGQUIT", Signals.name(3));
        assertEquals("SIGRTMIN+3", Signals.name(37));
    }

    @Test
    void rejectsWhatIsNoSignal() {
        assertThrows(InvalidArgumentException.class, () -> Signals.number("0"));
        assertThrows(InvalidArgumentException.class, () -> Signals.number("65"));
        assertThrows(InvalidArgumentException.class, () -> Signals.number("SIGFOO"));
        assertThrows(InvalidArgumentException.class, () -> Signals.number("SIGRTMAX+1"));
        assertThrows(InvalidArgumentException.class, () -> Signals.number(""));
    }
}
