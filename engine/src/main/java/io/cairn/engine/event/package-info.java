/**
 * The events: immutable records of what Cairn decided, the only thing the journal holds and the only
 * input of the index. Each type has a stable journal name and schema version
 * ({@link io.cairn.engine.event.EventTypes}); {@link io.cairn.engine.event.EventCodec} is their
 * payload format.
 */
package io.cairn.engine.event;
