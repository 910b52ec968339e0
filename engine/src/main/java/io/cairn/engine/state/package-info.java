/**
 * The index as the engine reads and writes it: the families and their record codec, the overlay of
 * decided but not yet indexed writes, and the {@link io.cairn.engine.state.Projector} that turns an
 * event into index changes, live and on replay alike. Domains contribute their part of the
 * projection through {@link io.cairn.engine.state.Projection}; this package depends on the events
 * alone, never on a domain.
 */
package io.cairn.engine.state;
