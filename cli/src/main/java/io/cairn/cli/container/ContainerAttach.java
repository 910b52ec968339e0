package io.cairn.cli.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.api.CairnException;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.client.Hijacked;
import io.cairn.cli.command.ExitCodes;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The docker CLI's order for a foreground container ({@code run -i/-t}, {@code start -ai},
 * {@code attach}): attach (hijacked), ask for its next exit, start it (when asked), serve the
 * session, then take the exit code; a client that detached (the detach keys) leaves the container
 * running and exits 0.
 */
final class ContainerAttach {

    private ContainerAttach() {
    }

    /**
     * @param start     start the container once attached (run, start -a), else it must run already
     * @param removed   the container is {@code --rm}: the exit code is the one its removal reports
     * @return the container's exit code, or 0 when the client detached
     */
    static int run(ApiClient client, String id, boolean stdin, boolean tty, String detachKeys, boolean sigProxy,
                   boolean start, boolean removed) throws IOException {
        String query = "stream=1&stdout=1&stderr=1" + (stdin ? "&stdin=1" : "")
                + (detachKeys == null ? "" : "&detachKeys=" + ApiClient.encodeQuery(detachKeys));
        Hijacked stream = client.hijack("/containers/" + id + "/attach?" + query, null);
        // asked before the start, as the docker CLI does: an exit that comes before the session ends is not missed
        CompletableFuture<Integer> exit = RunCommand.awaitExit(client, id, removed);
        if (start) {
            try {
                client.post("/containers/" + id + "/start", null, JsonNode.class);
            } catch (CairnException e) {
                stream.close();
                throw e; // its kind says 127 (command not found), 126 (cannot be invoked) or 1
            }
        }
        AttachSession.run(client, stream, stdin, tty, new AttachSession.Target() {
            @Override
            public String resizePath() {
                return "/containers/" + id + "/resize";
            }

            @Override
            public String killPath() {
                return "/containers/" + id + "/kill";
            }
        }, sigProxy);
        try {
            try {
                // the stream ends when the process exits, and its exit is recorded a moment after
                return exit.get(2, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException notYet) {
                if (detached(client, id)) {
                    return 0; // the client detached: the container runs on
                }
                return exit.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILED;
        }
    }

    /** Whether the stream ended with the container still running: the client detached. */
    private static boolean detached(ApiClient client, String id) {
        try {
            return client.get("/containers/" + id + "/json").path("State").path("Running").asBoolean(false);
        } catch (CairnException gone) {
            return false; // removed (--rm): it ended
        }
    }
}
