package io.cairn.engine.event;

/**
 * A pull finished: what was asked, where from, and what it resolved to, so that {@code events} and
 * replay explain where each pulled image came from. Never holds credentials.
 *
 * @param reference      the normalized reference asked for ({@code docker.io/library/busybox:latest},
 *                       or {@code …@sha256:…})
 * @param registry       the host that served it (a mirror's, when one did)
 * @param manifestDigest digest of the registry's manifest for the platform (what {@code RepoDigests} name)
 * @param platform       the platform chosen ({@code linux/amd64}), from an index or the image config
 * @param id             the image ID (config digest)
 */
public record ImagePulled(String reference, String registry, String manifestDigest, String platform, String id)
        implements Event {
}
