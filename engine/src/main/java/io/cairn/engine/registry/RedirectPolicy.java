package io.cairn.engine.registry;

import java.net.URI;

/**
 * Which redirects of a registry a blob download follows. Registries send blobs from storage
 * backends (S3, a CDN), so a redirect to another host is normal over HTTPS, and the bytes are
 * checked against their digest whatever host sends them. Over plain HTTP nothing vouches for the
 * redirect itself, so it may only stay on the same host, or go from a loopback host to another
 * loopback host. The client's credentials never follow a redirect to another host.
 */
final class RedirectPolicy {

    static final String RULE = "redirects stay on the same host, go to HTTPS, or go from loopback to loopback";

    private RedirectPolicy() {
    }

    static boolean allowed(URI from, URI to) {
        if (to.getScheme() == null || to.getHost() == null) {
            return false;
        }
        if (Repository.sameHost(from, to)) {
            return true;
        }
        if ("https".equals(to.getScheme())) {
            return true;
        }
        return "http".equals(to.getScheme()) && RegistryClient.loopback(from.getHost())
                && RegistryClient.loopback(to.getHost());
    }
}
