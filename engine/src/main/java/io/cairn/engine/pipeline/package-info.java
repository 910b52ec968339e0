/**
 * The write path: commands go through one Disruptor ring, decide → journal → index, then their
 * effects run, keyed and ordered per object. One thread decides, so decisions need no locks;
 * {@link io.cairn.engine.pipeline.IndexSignal} tells waiters each time a batch is indexed.
 */
package io.cairn.engine.pipeline;
