package io.cairn.engine.pipeline;

import io.cairn.engine.event.Event;
import io.cairn.engine.state.Overlay;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One ring entry: a command on its way through decide → journal → index. Reused by the ring. */
final class Slot {

    /** A decided index change, with the overlay handle released once it is written. */
    record Write(String family, String key, byte[] value, Overlay.Pending pending) {
    }

    Command<?> command;
    int uid;
    CompletableFuture<Object> future;

    long timeNanos;
    Decision<?> decision;
    final List<Write> writes = new ArrayList<>();
    RuntimeException failure;
    long lastIndex;

    void reset(Command<?> command, int uid, CompletableFuture<Object> future) {
        this.command = command;
        this.uid = uid;
        this.future = future;
        this.timeNanos = 0;
        this.decision = null;
        this.writes.clear();
        this.failure = null;
        this.lastIndex = 0;
    }

    List<Event> events() {
        return decision == null ? List.of() : decision.events();
    }
}
