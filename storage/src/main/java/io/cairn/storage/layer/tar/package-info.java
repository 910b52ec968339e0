/**
 * A tar codec for layers: {@link io.cairn.storage.layer.tar.TarReader} (ustar, GNU, PAX; bounded,
 * binary-safe xattrs) and {@link io.cairn.storage.layer.tar.TarWriter} (deterministic PAX).
 */
package io.cairn.storage.layer.tar;
