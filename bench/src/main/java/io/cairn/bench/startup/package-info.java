/**
 * Start-up probes for the {@code cairn info} client: the same {@code GET /info} over the daemon's
 * socket, read with Jackson or with a hand-written flat JSON reader, so that whole-process timings
 * show what each part of the client's start-up costs.
 */
package io.cairn.bench.startup;
