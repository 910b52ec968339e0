package io.cairn.engine.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.InvalidArgumentException;
import io.cairn.engine.event.ContainerConfig;
import io.cairn.engine.event.RestartPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docker's restart rules and back-off, without a runtime. */
class RestartRulesTest {

    @Test
    void policiesAfterAnExit() {
        RestartPolicy onFailure2 = new RestartPolicy("on-failure", 2);
        assertTrue(RestartRules.restartsAfterExit(onFailure2, 1, 0, false));
        assertTrue(RestartRules.restartsAfterExit(onFailure2, 1, 1, false));
        assertFalse(RestartRules.restartsAfterExit(onFailure2, 1, 2, false), "at most MaximumRetryCount restarts");
        assertFalse(RestartRules.restartsAfterExit(onFailure2, 0, 0, false), "a clean exit is no failure");
        assertTrue(RestartRules.restartsAfterExit(new RestartPolicy("on-failure", 0), 3, 1000, false), "0: no bound");
        assertTrue(RestartRules.restartsAfterExit(new RestartPolicy("always", 0), 0, 50, false));
        assertTrue(RestartRules.restartsAfterExit(new RestartPolicy("unless-stopped", 0), 0, 50, false));
        assertFalse(RestartRules.restartsAfterExit(RestartPolicy.none(), 1, 0, false));
        for (String p : List.of("always", "unless-stopped", "on-failure")) {
            assertFalse(RestartRules.restartsAfterExit(new RestartPolicy(p, 0), 137, 0, true), p + " after a user's stop");
        }
    }

    @Test
    void policiesWhenTheDaemonStarts() {
        assertTrue(RestartRules.restartsAtDaemonStart(new RestartPolicy("always", 0), exited(0, true)),
                "always comes back even after a user's stop (Docker's documentation)");
        assertFalse(RestartRules.restartsAtDaemonStart(new RestartPolicy("unless-stopped", 0), exited(0, true)));
        assertTrue(RestartRules.restartsAtDaemonStart(new RestartPolicy("unless-stopped", 0), exited(0, false)));
        assertTrue(RestartRules.restartsAtDaemonStart(new RestartPolicy("on-failure", 0), exited(1, false)));
        assertFalse(RestartRules.restartsAtDaemonStart(new RestartPolicy("on-failure", 0), exited(0, false)));
        ContainerRecord neverStarted = new ContainerRecord("c", "n", "i", config(), "created", 0, 0, "", 1, 0, 0);
        assertFalse(RestartRules.restartsAtDaemonStart(new RestartPolicy("always", 0), neverStarted));
    }

    @Test
    void refusals() {
        assertEquals("Conflicting options: --restart and --rm", assertThrows(InvalidArgumentException.class,
                () -> RestartRules.check(new RestartPolicy("always", 0), true)).getMessage());
        assertThrows(InvalidArgumentException.class, () -> RestartRules.check(new RestartPolicy("sometimes", 0), false));
        assertThrows(InvalidArgumentException.class, () -> RestartRules.check(new RestartPolicy("always", 3), false));
        assertThrows(InvalidArgumentException.class, () -> RestartRules.check(new RestartPolicy("on-failure", -1), false));
        assertEquals("no", RestartRules.check(new RestartPolicy("", 0), true).name(), "Docker's empty name is no");
    }

    @Test
    void backoffDoublesFromOneHundredMillisecondsToAMinuteAndResetsAfterTenSecondsUp() {
        RestartBackoff b = new RestartBackoff();
        long[] expected = {100, 200, 400, 800, 1600, 3200, 6400, 12800, 25600, 51200, 60000, 60000};
        for (long e : expected) {
            long d = b.next("c", 1_000_000_000L);
            assertEquals(e, d);
            b.taken("c", d);
        }
        assertEquals(100, b.next("c", 10_000_000_000L), "a run of 10 s starts the sequence again");
        assertEquals(100, b.next("other", 0), "per container");
    }

    private static ContainerRecord exited(int code, boolean stopped) {
        return new ContainerRecord("c", "n", "i", config(), "exited", 0, code, "", 1, 2, 3, false, false, 0, stopped, "");
    }

    private static ContainerConfig config() {
        return new ContainerConfig("img", List.of(), List.of("true"), List.of(), "/", "", "h", Map.of(), List.of(), false,
                "none", List.of(), List.of(), false, List.of(), "SIGTERM", false);
    }
}
