/**
 * {@code cairn build --check}: everything a build would find wrong before running anything —
 * syntax, instructions, expansion, stages, build args, and COPY/ADD sources missing from the
 * context after {@code .dockerignore} — reported as {@code FILE:LINE:COL: message} with the
 * offending line. Reads the context directory, writes nothing.
 */
package io.cairn.engine.build.dockerfile.check;
