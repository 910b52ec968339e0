/**
 * Testcontainers (and the docker-java client inside it) against a Cairn daemon: the Java world's way
 * of starting containers from tests, pointed at {@code <root>/cairn.sock}, with the resource reaper
 * off (its image is not available offline) and the tests cleaning up after themselves.
 */
package io.cairn.it.testcontainers;
