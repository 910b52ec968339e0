/**
 * Integration tests of image archives: save/load round trips, interoperability with Docker and
 * Podman archives, and hostile archives.
 */
package io.cairn.it.image;
