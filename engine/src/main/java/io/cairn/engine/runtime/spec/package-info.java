/**
 * The OCI runtime spec ({@code config.json}) of a container: records for the spec
 * ({@link io.cairn.engine.runtime.spec.Spec} and its parts) with a canonical writer
 * ({@link io.cairn.engine.runtime.spec.SpecJson}), and
 * {@link io.cairn.engine.runtime.spec.SpecGenerator}, which turns an image's execution config and
 * the run options ({@link io.cairn.engine.runtime.spec.RunOptions}) into a spec with Docker's
 * isolation defaults. Users are resolved in the container's own /etc/passwd and /etc/group; the
 * seccomp profile is translated per container by the {@code seccomp} sub-package.
 */
package io.cairn.engine.runtime.spec;
