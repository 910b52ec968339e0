/**
 * Overlay root filesystems: mounting with the new mount API, mount(2) or a helper process (for deep
 * images on older kernels), with options that make the upper directory the container's whole diff;
 * and reading the mount table.
 */
package io.cairn.engine.runtime.overlay;
