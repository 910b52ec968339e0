/**
 * Docker Engine API conformance: the stock docker CLI, pointed at Cairn's socket with
 * {@code DOCKER_HOST}, drives it and gets Docker's outputs and exit codes.
 */
package io.cairn.it.docker;
