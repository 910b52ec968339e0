package io.cairn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The taxonomy's wire contract: each kind's name and status, and what a client rebuilds from them. */
class ErrorKindTest {

    @Test
    void eachKindHasAStableWireNameAndStatus() {
        Map<ErrorKind, String> names = Map.ofEntries(
                Map.entry(ErrorKind.NOT_FOUND, "not_found 404"),
                Map.entry(ErrorKind.ALREADY_EXISTS, "already_exists 409"),
                Map.entry(ErrorKind.CONFLICT, "conflict 409"),
                Map.entry(ErrorKind.INVALID_ARGUMENT, "invalid_argument 400"),
                Map.entry(ErrorKind.TOO_LARGE, "too_large 413"),
                Map.entry(ErrorKind.COMMAND_NOT_FOUND, "command_not_found 400"),
                Map.entry(ErrorKind.COMMAND_NOT_INVOKABLE, "command_not_invokable 400"),
                Map.entry(ErrorKind.BUILD_FAILED, "build_failed 500"),
                Map.entry(ErrorKind.NOT_IMPLEMENTED, "not_implemented 501"),
                Map.entry(ErrorKind.UNAVAILABLE, "unavailable 503"),
                Map.entry(ErrorKind.ENGINE_FAILURE, "engine_failure 500"));
        assertEquals(ErrorKind.values().length, names.size(), "every kind is in the table");
        for (ErrorKind kind : ErrorKind.values()) {
            assertEquals(names.get(kind), kind.wireName() + " " + kind.httpStatus());
            assertSame(kind, ErrorKind.fromWire(kind.wireName()));
        }
    }

    @Test
    void aClientRebuildsTheExceptionOfTheKindWithItsStatusAndMessage() {
        for (ErrorKind kind : ErrorKind.values()) {
            CairnException e = CairnException.fromHttp(kind.httpStatus(), kind.wireName(), "about x");
            assertSame(kind, e.kind());
            assertEquals(kind.httpStatus(), e.httpStatus());
            assertEquals("about x", e.getMessage());
            assertSame(kind, CairnException.of(kind, "m").kind());
        }
    }

    @Test
    void the409sStayApart() {
        assertInstanceOf(AlreadyExistsException.class, CairnException.fromHttp(409, "already_exists", "volume v exists"));
        assertInstanceOf(ConflictException.class, CairnException.fromHttp(409, "conflict", "volume v is in use"));
    }

    @Test
    void anAnswerWithoutAKnownKindFallsBackOnItsStatus() {
        assertNull(ErrorKind.fromWire(null));
        assertNull(ErrorKind.fromWire("from_a_newer_daemon"));
        assertInstanceOf(NotFoundException.class, CairnException.fromHttp(404, null, "m"));
        assertInstanceOf(ConflictException.class, CairnException.fromHttp(409, null, "m"));
        assertInstanceOf(InvalidArgumentException.class, CairnException.fromHttp(400, "from_a_newer_daemon", "m"));
        assertInstanceOf(TooLargeException.class, CairnException.fromHttp(413, null, "m"));
        assertInstanceOf(UnavailableException.class, CairnException.fromHttp(503, null, "m"));
        assertInstanceOf(EngineFailureException.class, CairnException.fromHttp(502, null, "m"));
        assertInstanceOf(EngineFailureException.class, CairnException.fromStream(null, "m"), "a stream has no status");
        assertInstanceOf(BuildFailureException.class, CairnException.fromStream("build_failed", "m"));
    }

    @Test
    void aCommandThatCannotRunLeavesTheShellsExitCode() {
        assertEquals(127, CannotRunException.notFound("m", null).exitCode());
        assertEquals(126, CannotRunException.notInvokable("m", null).exitCode());
    }
}
