package io.cairn.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cairn.api.InvalidArgumentException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecRequestTest {

    private static ExecRequest request(List<String> cmd, List<String> env, String workdir) {
        return new ExecRequest(cmd, env, workdir, "", false, false, true, true, false);
    }

    @Test
    void hostileRequestsAreRefused() {
        assertThrows(InvalidArgumentException.class, () -> request(List.of(), List.of(), ""));
        assertThrows(InvalidArgumentException.class, () -> request(List.of("a\0b"), List.of(), ""));
        assertThrows(InvalidArgumentException.class, () -> request(List.of("true"), List.of("=v"), ""));
        assertThrows(InvalidArgumentException.class, () -> request(List.of("true"), List.of("K=\0"), ""));
        assertThrows(InvalidArgumentException.class, () -> request(List.of("true"), List.of(), "relative/dir"));
        assertThrows(InvalidArgumentException.class, () -> request(List.of("true"),
                Collections.nCopies(ExecRequest.MAX_ENTRIES + 1, "K=v"), ""));
        assertEquals(List.of("true"), request(List.of("true"), List.of("K"), "/").cmd());
    }

    @Test
    void sessionEnvironmentOverridesTheContainersKeyByKey() {
        assertEquals(List.of("PATH=/bin", "A=2", "HOME=/root", "B=3", "C="),
                ExecService.mergeEnv(List.of("PATH=/bin", "A=1", "HOME=/root"), List.of("A=2", "B=3", "C")));
    }
}
