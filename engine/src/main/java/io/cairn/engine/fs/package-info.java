/**
 * File-system helpers shared by effects, recovery and the builder: idempotent tree operations that
 * never follow a link out of their tree, and resolving a container's paths inside its rootfs.
 */
package io.cairn.engine.fs;
