/**
 * Running containers on the host: the {@link io.cairn.engine.runtime.ContainerRuntime} contract
 * (overlay rootfs, create/start/kill/delete, exit codes) and what the runtime reports.
 */
package io.cairn.engine.runtime;
