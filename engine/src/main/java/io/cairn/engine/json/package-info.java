/**
 * The daemon's JSON mappers: every Jackson {@code ObjectMapper} the engine uses is one of the few
 * named in {@link io.cairn.engine.json.Mappers}, each configured once for one kind of document (API
 * bodies, documents other programs write, index records, canonical OCI documents). A mapper is
 * costly to build and thread-safe once built, and a document's bytes must not depend on which
 * class happened to write it.
 */
package io.cairn.engine.json;
