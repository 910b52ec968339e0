package io.cairn.engine.image;

import io.cairn.engine.api.InvalidArgumentException;
import java.util.regex.Pattern;

/**
 * References as the image store keys them: normalized ({@code docker.io/library/busybox:latest}) in
 * the index, familiar ({@code busybox:latest}) in output.
 */
public final class ImageNames {

    private static final Pattern ID = Pattern.compile("(sha256:)?[0-9a-f]{12,64}");
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DOMAIN = Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)"
            + "(?:\\.(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?))*(?::[0-9]+)?");

    private ImageNames() {
    }

    /** True for a full or short image ID ({@code sha256:} optional, 12 to 64 hex). */
    static boolean looksLikeId(String text) {
        return ID.matcher(text).matches();
    }

    /** Docker's normalization: default registry {@code docker.io}, {@code library/}, tag {@code latest}. */
    public static String normalize(String reference) {
        if (reference.isEmpty()) {
            throw new InvalidArgumentException("invalid reference format: empty reference");
        }
        if (reference.contains("@")) {
            throw new InvalidArgumentException("invalid reference format: \"" + reference
                    + "\": digests name images in a registry; Cairn has none, use the image ID");
        }
        String name = reference;
        String tag = "latest";
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        if (colon > slash) {
            name = reference.substring(0, colon);
            tag = reference.substring(colon + 1);
            if (!TAG.matcher(tag).matches()) {
                throw new InvalidArgumentException("invalid reference format: \"" + reference + "\": invalid tag \""
                        + tag + "\"");
            }
        }
        String domain = "docker.io";
        String path = name;
        int first = name.indexOf('/');
        if (first > 0) {
            String head = name.substring(0, first);
            if (head.contains(".") || head.contains(":") || head.equals("localhost") || !head.equals(head.toLowerCase())) {
                domain = head;
                path = name.substring(first + 1);
                if (!DOMAIN.matcher(domain).matches()) {
                    throw new InvalidArgumentException("invalid reference format: \"" + reference + "\": invalid domain");
                }
            }
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new InvalidArgumentException("invalid reference format: \"" + reference + "\""
                        + (component.equals(component.toLowerCase()) ? "" : ": repository name must be lowercase"));
            }
        }
        if (domain.equals("docker.io") && !path.contains("/")) {
            path = "library/" + path;
        }
        return domain + "/" + path + ":" + tag;
    }

    /** The form Docker prints: without {@code docker.io/} and {@code library/}. */
    public static String familiar(String normalized) {
        String s = normalized;
        if (s.startsWith("docker.io/")) {
            s = s.substring("docker.io/".length());
            if (s.startsWith("library/") && s.indexOf('/', "library/".length()) < 0) {
                s = s.substring("library/".length());
            }
        }
        return s;
    }

    /** The repository part of a familiar reference (before the tag). */
    static String repository(String familiar) {
        int colon = familiar.lastIndexOf(':');
        return colon > familiar.lastIndexOf('/') ? familiar.substring(0, colon) : familiar;
    }

    /** The tag part of a familiar reference. */
    static String tag(String familiar) {
        int colon = familiar.lastIndexOf(':');
        return colon > familiar.lastIndexOf('/') ? familiar.substring(colon + 1) : "latest";
    }
}
