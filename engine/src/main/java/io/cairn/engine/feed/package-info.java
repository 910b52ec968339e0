/**
 * {@code cairn events}: the journal read as Docker's event stream — time ranges by binary search
 * over journal indices, Docker's filters, and the mapping of events to Docker's type, action and
 * actor.
 */
package io.cairn.engine.feed;
