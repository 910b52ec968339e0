/**
 * Seccomp profiles: reading the containers (Docker) profile format, with its syscall groups
 * conditioned on capabilities, architectures and kernel version, and translating it into the OCI
 * {@code linux.seccomp} section for one container's capabilities on this architecture, as Podman
 * does. {@link io.cairn.engine.runtime.spec.seccomp.SeccompTranslator} is the entry point.
 */
package io.cairn.engine.runtime.spec.seccomp;
