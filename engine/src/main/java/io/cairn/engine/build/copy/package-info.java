/**
 * COPY and ADD: selecting sources from the context, an image or a stage (globs, excludes,
 * {@code --parents}), reading archives ADD unpacks, and staging the result with Docker's ownership
 * and modes as a layer tar.
 */
package io.cairn.engine.build.copy;
