/**
 * Integration tests of {@code cairn build}: Dockerfile features end to end, COPY flags,
 * entitlements and what a build may not reach.
 */
package io.cairn.it.build;
