/**
 * The index as decisions read it: the families and their JSON records, the overlay of decided but
 * unindexed writes, the projector from events to index changes (one function, live and on replay),
 * and the index's location and swappable store.
 */
package io.cairn.engine.state;
