/**
 * Exec sessions: a command run inside a running container ({@code docker exec}), through the
 * runtime's {@code exec}, so that it joins the container's namespaces, cgroup and seccomp profile
 * with the container's capabilities (all of them only with {@code --privileged}, as in Docker).
 * Sessions live in the daemon's memory, as Docker's do; their creation, start and end are journaled
 * as audit events. {@link InContainer} is the engine-internal way to run a command and get its exit
 * code and output (health checks).
 */
package io.cairn.engine.exec;
