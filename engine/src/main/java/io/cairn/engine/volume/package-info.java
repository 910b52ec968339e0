/**
 * Named volumes with Docker's semantics: the service (create, rm, prune, the in-use guard), Docker's
 * volume names, and the volumes' directories that effects create and delete.
 */
package io.cairn.engine.volume;
