/**
 * A container's cgroup as runc made it ({@code cgroupsPath} {@code /cairn/ID} under each
 * hierarchy): its processes, its usage counters and its OOM kills, read from cgroup v1 or v2 files.
 */
package io.cairn.engine.runtime.cgroup;
