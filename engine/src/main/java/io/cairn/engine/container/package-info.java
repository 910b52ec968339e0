/**
 * Containers with Docker's semantics. {@link io.cairn.engine.container.ContainerService} sequences
 * each operation over three parts: the decisions (what the pipeline journals, or why it refuses),
 * the runner (overlay rootfs, OCI bundle, runc under conmon, the exit monitor) and the waits (which
 * wake on the indexed event that ends them). Also the container records, names and the projection
 * of container events into the index.
 */
package io.cairn.engine.container;
