/**
 * Where everything lives under a root ({@link io.cairn.engine.layout.RootLayout}): journal, index,
 * blobs, layers, containers, volumes, staging, socket, lock. A leaf: it imports nothing of the engine.
 */
package io.cairn.engine.layout;
