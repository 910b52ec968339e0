package io.cairn.engine.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.cairn.api.CannotRunException;
import io.cairn.api.ErrorKind;
import io.cairn.api.InvalidArgumentException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** runc's words for a failed start become a kind once, here; the container keeps the shell's code. */
class StartFailuresTest {

    @Test
    void aCommandNotOnThePathOrNotInTheRootfsIsNotFound() {
        for (String why : new String[] {"exec: \"nope\": executable file not found in $PATH",
                "exec: \"/nope\": stat /nope: no such file or directory"}) {
            CannotRunException e = StartFailures.classify("c1", new IOException("create container c1: " + why));
            assertSame(ErrorKind.COMMAND_NOT_FOUND, e.kind(), why);
            assertEquals(127, e.exitCode());
        }
    }

    @Test
    void anythingElseCannotBeInvoked() {
        CannotRunException e = StartFailures.classify("c1",
                new InvalidArgumentException("unable to find user nosuchuser: no matching entries in /etc/passwd"));
        assertSame(ErrorKind.COMMAND_NOT_INVOKABLE, e.kind());
        assertEquals(126, e.exitCode());
        assertEquals("failed to start container c1: unable to find user nosuchuser: no matching entries in /etc/passwd",
                e.getMessage());
        assertEquals("unable to find user nosuchuser: no matching entries in /etc/passwd", StartFailures.reason(e),
                "the exited state records the reason without the container's name");
    }

    @Test
    void aFailureWithoutWordsStillSaysSomethingAndNoClassName() {
        CannotRunException e = StartFailures.classify("c1", new NullPointerException());
        assertSame(ErrorKind.COMMAND_NOT_INVOKABLE, e.kind());
        assertEquals("failed to start container c1: the runtime gave no reason", e.getMessage());
    }
}
