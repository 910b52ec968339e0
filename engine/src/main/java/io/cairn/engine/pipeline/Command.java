package io.cairn.engine.pipeline;

import io.cairn.engine.state.StateReader;

/**
 * A request to change state. {@link #decide} runs on the pipeline's single decide thread, sees every
 * earlier decision, and either returns the events to journal or throws a
 * {@link io.cairn.api.CairnException} that rejects the request with nothing written. It must
 * not do I/O: slow work belongs in the decision's {@link Effect}.
 *
 * @param <R> what the caller receives once the events are indexed (and the effect has run)
 */
@FunctionalInterface
public interface Command<R> {
    Decision<R> decide(StateReader state);
}
