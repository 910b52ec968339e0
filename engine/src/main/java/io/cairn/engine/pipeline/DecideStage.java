package io.cairn.engine.pipeline;

import com.lmax.disruptor.EventHandler;
import io.cairn.api.CairnException;
import io.cairn.api.EngineFailureException;
import io.cairn.engine.event.Event;
import io.cairn.engine.state.EventContext;
import io.cairn.engine.state.Overlay;
import io.cairn.engine.state.Projector;
import io.cairn.engine.state.StateReader;
import io.cairn.engine.state.StateWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stage 1: validates each command against the state every earlier decision left, and projects its
 * events into the overlay so that the next decision sees them before they are indexed.
 */
final class DecideStage implements EventHandler<Slot> {

    private final StateReader state;
    private final Overlay overlay;
    private final Projector projector;
    private final Pipeline pipeline;

    DecideStage(StateReader state, Overlay overlay, Projector projector, Pipeline pipeline) {
        this.state = state;
        this.overlay = overlay;
        this.projector = projector;
        this.pipeline = pipeline;
    }

    @Override
    public void onEvent(Slot slot, long sequence, boolean endOfBatch) {
        RuntimeException halt = pipeline.haltCause();
        if (halt != null) {
            slot.failure = halt;
            return;
        }
        try {
            slot.timeNanos = nowNanos();
            Decision<?> decision = slot.command.decide(state);
            SlotWriter local = new SlotWriter(state);
            EventContext context = new EventContext(slot.timeNanos, slot.uid);
            for (Event event : decision.events()) {
                projector.apply(event, context, local, local);
            }
            // publish only whole decisions: a projection that throws leaves the overlay untouched
            for (Map.Entry<OverlayKey, byte[]> w : local.writes.entrySet()) {
                OverlayKey k = w.getKey();
                slot.writes.add(new Slot.Write(k.family, k.key, w.getValue(), overlay.add(k.family, k.key, w.getValue())));
            }
            slot.decision = decision;
        } catch (CairnException e) {
            slot.failure = e;
        } catch (RuntimeException e) {
            // the class stays in the cause, for the daemon's log; the caller gets words
            slot.failure = new EngineFailureException("internal error deciding " + slot.command.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        }
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private record OverlayKey(String family, String key) {
    }

    /** Collects one decision's writes, reading them back before anything below. */
    private static final class SlotWriter implements StateReader, StateWriter {
        private final StateReader below;
        private final Map<OverlayKey, byte[]> writes = new LinkedHashMap<>();

        SlotWriter(StateReader below) {
            this.below = below;
        }

        @Override
        public void put(String family, String key, byte[] value) {
            writes.put(new OverlayKey(family, key), value);
        }

        @Override
        public void delete(String family, String key) {
            writes.put(new OverlayKey(family, key), null);
        }

        @Override
        public byte[] get(String family, String key) {
            OverlayKey k = new OverlayKey(family, key);
            return writes.containsKey(k) ? writes.get(k) : below.get(family, key);
        }

        @Override
        public void scan(String family, String prefix, Visitor visitor) {
            if (writes.keySet().stream().anyMatch(k -> k.family.equals(family) && k.key.startsWith(prefix))) {
                throw new IllegalStateException("a projection scanned " + family + " after writing to it");
            }
            below.scan(family, prefix, visitor);
        }
    }
}
