package io.cairn.storage.layer;

import io.cairn.storage.digest.Digest;

/**
 * A packed layer tar.
 *
 * @param diffId  sha256 of the tar written
 * @param size    bytes written
 * @param entries tar entries written (PAX headers not counted)
 */
public record PackResult(Digest diffId, long size, int entries) {
}
