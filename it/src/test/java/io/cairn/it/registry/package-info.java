/**
 * Registry tests against real components: Debian's {@code docker-registry} (distribution 2.8)
 * started on 127.0.0.1 with a free port, skopeo and podman; and a hostile registry in the test's
 * own process. Nothing leaves loopback.
 */
package io.cairn.it.registry;
