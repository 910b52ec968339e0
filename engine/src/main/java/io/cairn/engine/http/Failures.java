package io.cairn.engine.http;

import io.cairn.api.BuildFailureException;
import io.cairn.api.CairnException;
import io.cairn.api.EngineFailureException;
import io.cairn.api.ErrorKind;
import io.cairn.api.InvalidArgumentException;
import io.cairn.dockerfile.DockerfileException;
import io.cairn.engine.build.BuildFailedException;
import io.cairn.engine.build.copy.CopyException;
import io.cairn.journal.JournalException;
import io.cairn.storage.blob.DigestMismatchException;
import io.cairn.storage.index.IndexStoreException;
import io.cairn.storage.layer.InvalidLayerException;
import io.cairn.storage.layer.tar.TarFormatException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one boundary where whatever a route's work threw becomes a {@link CairnException} kind, and
 * that kind becomes the answer: Docker's error body {@code {"message": …}} with Cairn's {@code kind}
 * beside it, or, once a stream has begun, Docker's {@code {"error": …, "errorDetail": {…}}} line.
 * Services throw their own kinds where they know better (a bad archive named by its layer); what
 * reaches here unnamed is named by its type:
 * <ul>
 *   <li>a build step's failure ({@link BuildFailedException}): {@code build_failed}, unless the engine
 *       itself failed under it (the journal, the index, an engine failure), then {@code engine_failure};</li>
 *   <li>a COPY that cannot be done as written, a Dockerfile that does not parse, a malformed tar or
 *       layer, content that does not match its digest: {@code invalid_argument};</li>
 *   <li>the journal, the index store, libc calls, any other I/O, anything unexpected:
 *       {@code engine_failure}.</li>
 * </ul>
 * An engine failure's message is its cause's message with the request as context, never the cause's
 * class: the class, with the stack, goes to the daemon's log.
 */
final class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class.getName());

    private Failures() {
    }

    /**
     * {@link #classify Classifies} {@code failure} and logs it, with its class and stack, when it is
     * the engine's (an {@link Error} as severe): what a route answers with once its work has thrown.
     */
    static CairnException report(Throwable failure, String what) {
        CairnException kind = classify(failure, what);
        if (kind.kind() == ErrorKind.ENGINE_FAILURE) {
            LOG.log(failure instanceof Error ? Level.SEVERE : Level.WARNING, what + " failed", failure);
        }
        return kind;
    }

    /**
     * The kind of {@code failure}, thrown while serving {@code what} (such as {@code POST /build});
     * a {@link CairnException} is its own kind.
     */
    static CairnException classify(Throwable failure, String what) {
        if (failure instanceof CairnException known) {
            return known;
        }
        if (failure instanceof BuildFailedException build) {
            return engineFailedUnder(build)
                    ? new EngineFailureException(build.getMessage(), build)
                    : new BuildFailureException(build.getMessage(), build);
        }
        if (failure instanceof CopyException || failure instanceof DockerfileException
                || failure instanceof TarFormatException || failure instanceof InvalidLayerException
                || failure instanceof DigestMismatchException) {
            return new InvalidArgumentException(failure.getMessage(), failure);
        }
        return new EngineFailureException(what + ": " + describe(failure), failure);
    }

    /** Whether a build step failed because the engine did: its causes include the engine's own failures. */
    private static boolean engineFailedUnder(BuildFailedException build) {
        for (Throwable t = build.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof EngineFailureException || t instanceof JournalException || t instanceof IndexStoreException) {
                return true;
            }
        }
        return false;
    }

    /** A failure in words: its message, or a pointer to the log when it has none (a bare NullPointerException). */
    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return "internal error, see the daemon's log";
        }
        Throwable cause = failure.getCause();
        if (cause != null && message.equals(cause.toString())) {
            return describe(cause); // a wrapper's default message is its cause's class and message
        }
        // an Error's message alone (a class path, for a class the JVM cannot load) would not say what broke
        return failure instanceof Error ? "internal error in the daemon, see its log: " + message : message;
    }

    /** The answer's body: Docker's {@code message}, and the {@code kind} clients derive their behaviour from. */
    static Map<String, Object> body(CairnException e) {
        return body(e.kind(), e.getMessage());
    }

    static Map<String, Object> body(ErrorKind kind, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", String.valueOf(message));
        body.put("kind", kind.wireName());
        return body;
    }

    /** The line that ends a stream in failure, as Docker's streams do; the kind rides in {@code errorDetail}. */
    static Map<String, Object> streamLine(CairnException e) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("error", String.valueOf(e.getMessage()));
        line.put("errorDetail", body(e));
        return line;
    }
}
