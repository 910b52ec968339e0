/**
 * What the daemon and its clients share: the Engine API's wire records and the error taxonomy
 * ({@link io.cairn.api.CairnException}, whose {@link io.cairn.api.ErrorKind} fixes the HTTP status,
 * the error body's {@code kind} and the CLI's exit code). Depends on Jackson's annotations only.
 */
package io.cairn.api;
