package io.cairn.cli.registry;

import java.util.Locale;

/**
 * The registry part of a reference as Docker normalises it, on the client side (the cli module has
 * no engine code): the domain is the first component when it has a {@code .} or {@code :}, is
 * {@code localhost}, or has upper case; otherwise Docker Hub ({@code docker.io}).
 */
final class Registries {

    /** The key Docker Hub's credentials are stored under in {@code config.json}. */
    static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

    private Registries() {
    }

    static String domainOf(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = image.substring(0, slash);
        if (first.equals("localhost") || first.contains(".") || first.contains(":")
                || !first.toLowerCase(Locale.ROOT).equals(first)) {
            return first.equals("index.docker.io") ? "docker.io" : first;
        }
        return "docker.io";
    }

    /** {@code name} with its domain, and {@code library/} for an official Docker Hub image. */
    static String qualified(String name) {
        String domain = domainOf(name);
        String rest = name.indexOf('/') >= 0 && !domain.equals("docker.io") ? name.substring(name.indexOf('/') + 1)
                : name.startsWith("docker.io/") || name.startsWith("index.docker.io/") ? name.substring(name.indexOf('/') + 1) : name;
        if (domain.equals("docker.io") && rest.indexOf('/') < 0) {
            rest = "library/" + rest;
        }
        return domain + "/" + rest;
    }

    /** The key a host's credentials are stored under: Docker Hub's historical URL, else the host. */
    static String configKey(String domain) {
        String d = domain.replaceFirst("^https?://", "").replaceAll("/+$", "");
        if (d.equals("docker.io") || d.equals("index.docker.io") || d.equals("registry-1.docker.io")
                || d.equals("index.docker.io/v1")) {
            return DOCKER_HUB_KEY;
        }
        return d;
    }
}
