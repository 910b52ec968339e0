/**
 * What client and daemon share: the wire records of the Engine API in Docker's shape (field names
 * as Docker's swagger spells them) and the error taxonomy, the sealed {@link io.cairn.api.CairnException}
 * kinds an HTTP status maps to and from. Depends on Jackson's annotations only, so the CLI can read
 * the daemon's answers without the engine.
 */
package io.cairn.api;
