/**
 * Seccomp profiles: reading the containers (Docker) profile format, with its syscall groups
 * conditioned on capabilities, architectures and kernel version, and translating it into the OCI
 * {@code linux.seccomp} section ({@link io.cairn.engine.runtime.spec.seccomp.Seccomp}) for one container's
 * capabilities on this architecture, as Podman does.
 * {@link io.cairn.engine.runtime.spec.seccomp.SeccompTranslator} is the entry point. The spec generator
 * uses this package; it uses nothing of the spec's (capabilities come in as a predicate).
 */
package io.cairn.engine.runtime.spec.seccomp;
