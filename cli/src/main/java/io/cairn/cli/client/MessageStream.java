package io.cairn.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.CairnException;
import java.io.IOException;

/**
 * Reads a progress stream of Docker's JSON messages ({@code status}, {@code progressDetail},
 * {@code stream}, {@code aux}) line by line and hands each to a handler, except Docker's error line
 * ({@code {"error": …, "errorDetail": {"kind": …}}}), which a daemon sends in place of a status once
 * its answer has begun. The first error line is kept and reading goes on to the stream's end, so
 * neither the daemon's last lines nor an upload still being written are cut short; {@link #finish()}
 * then throws it as the kind of failure it names. One stream per instance; not thread-safe.
 */
public final class MessageStream implements LineSink {

    /** Receives one message of the stream, never an error line. */
    @FunctionalInterface
    public interface Handler {
        /** @return {@code false} to stop reading */
        boolean message(JsonNode message) throws IOException;
    }

    private final Handler handler;
    private CairnException failure;

    public MessageStream(Handler handler) {
        this.handler = handler;
    }

    @Override
    public boolean line(String line) throws IOException {
        JsonNode message = ApiClient.json().readTree(line);
        CairnException failed = failureOf(message);
        if (failed != null) {
            if (failure == null) {
                failure = failed;
            }
            return true;
        }
        return handler.message(message);
    }

    /** Throws the stream's first error line, if it had one. */
    public void finish() {
        if (failure != null) {
            throw failure;
        }
    }

    /** The failure an error line reports, as the exception of its {@code errorDetail.kind}; null for any other message. */
    public static CairnException failureOf(JsonNode message) {
        if (!message.has("error")) {
            return null;
        }
        return CairnException.fromStream(message.path("errorDetail").path("kind").asText(null),
                message.path("error").asText());
    }
}
