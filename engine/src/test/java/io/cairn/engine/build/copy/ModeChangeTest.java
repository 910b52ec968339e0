package io.cairn.engine.build.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModeChangeTest {

    @Test
    void octalReplacesThePermissionBits() {
        assertEquals(0750, ModeChange.parse("0750").apply(0644, false));
        assertEquals(04755, ModeChange.parse("4755").apply(0600, true));
    }

    @Test
    void symbolicClausesApplyInOrder() {
        assertEquals(0755, ModeChange.parse("u+x,go+rx").apply(0644, false));
        assertEquals(0640, ModeChange.parse("o-r").apply(0644, false));
        assertEquals(0600, ModeChange.parse("go=").apply(0644, false));
        assertEquals(0777, ModeChange.parse("a+rwx").apply(0, false));
        assertEquals(0711, ModeChange.parse("+x,go-r").apply(0644, false));
    }

    @Test
    void capitalXAddsExecuteOnlyToDirectoriesAndExecutables() {
        ModeChange x = ModeChange.parse("a+X");
        assertEquals(0644, x.apply(0644, false));
        assertEquals(0755, x.apply(0644, true));
        assertEquals(0755, x.apply(0744, false));
    }

    @Test
    void refusesWhatIsNeitherOctalNorSymbolic() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModeChange.parse("0999"));
        assertEquals("invalid --chmod \"0999\": expected an octal mode or u+x-style clauses", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModeChange.parse("u+q"));
    }
}
