package io.cairn.cli.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.CairnException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageStreamTest {

    @Test
    void everyMessageButTheErrorLineReachesTheHandlerAndTheFirstErrorIsThrownAtTheEnd() throws Exception {
        List<String> seen = new ArrayList<>();
        MessageStream stream = new MessageStream(m -> seen.add(m.path("status").asText()));
        assertTrue(stream.line("{\"status\":\"Pulling fs layer\",\"id\":\"a\"}"));
        assertTrue(stream.line("{\"error\":\"manifest unknown\",\"errorDetail\":{\"kind\":\"not_found\",\"message\":\"manifest unknown\"}}"));
        assertTrue(stream.line("{\"error\":\"a later one\"}"), "reading goes on after an error line");
        assertTrue(stream.line("{\"status\":\"after\"}"));
        assertEquals(List.of("Pulling fs layer", "after"), seen);
        CairnException thrown = assertThrows(CairnException.class, stream::finish);
        assertEquals("manifest unknown", thrown.getMessage());
        assertInstanceOf(NotFoundException.class, thrown, "the kind names the exception");
    }

    @Test
    void anErrorLineWithoutAKindIsAnEngineFailure() throws Exception {
        MessageStream stream = new MessageStream(m -> true);
        stream.line("{\"error\":\"disk full\"}");
        assertInstanceOf(EngineFailureException.class, assertThrows(CairnException.class, stream::finish));
    }

    @Test
    void aStreamWithoutAnErrorLineFinishesQuietlyAndTheHandlerCanStopIt() throws Exception {
        MessageStream stream = new MessageStream(m -> !m.has("last"));
        assertTrue(stream.line("{\"status\":\"one\"}"));
        assertEquals(false, stream.line("{\"last\":true}"));
        stream.finish();
    }
}
