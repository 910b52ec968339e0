/**
 * Coming back from a crash: replaying the journal into the index (the same projection as the live
 * pipeline), removing directories no indexed object owns, and {@code journal repair}, which cuts a
 * damaged journal back and salvages what the lost entries had created.
 */
package io.cairn.engine.recovery;
