package io.cairn.engine.image.reference;

import io.cairn.api.InvalidArgumentException;
import io.cairn.storage.digest.Digest;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A normalized image reference: {@code domain/path[:tag][@digest]}, as Docker's
 * {@code distribution/reference} package parses it.
 *
 * <p>Grammar: the domain is a host name ({@code .}-separated components of letters, digits and
 * inner {@code -}), an IPv4 address or a bracketed IPv6 address, with an optional {@code :port};
 * the path is one or more {@code /}-separated components of lowercase letters and digits joined
 * by {@code .}, {@code _}, {@code __} or runs of {@code -}; the tag matches
 * {@code [\w][\w.-]{0,127}}; the digest is {@code algorithm:hex} (sha256 or sha512, lowercase
 * hex, as {@link Digest} accepts). {@code domain/path} is at most 255 characters.
 *
 * <p>Normalization follows Docker: a first component is a domain only when it contains {@code .}
 * or {@code :}, is {@code localhost}, or has upper-case letters; otherwise the domain is
 * {@code docker.io} ({@code index.docker.io} is rewritten to it) and a single-component path gets
 * the {@code library/} prefix. So {@code busybox} is {@code docker.io/library/busybox} and
 * {@code localhost:5000/x} keeps its domain. {@link #familiar()} undoes this as Docker prints it.
 *
 * <p>Instances are immutable and always valid; {@code tag} and {@code digest} are {@code null}
 * when absent. Parse failures throw {@link InvalidArgumentException} with Docker's message
 * ({@code invalid reference format: ...}) naming the reference and the offending part.
 */
public record Reference(String domain, String path, String tag, Digest digest) {

    /** Docker Hub's canonical domain. */
    public static final String DEFAULT_DOMAIN = "docker.io";
    /** The tag that a reference without tag or digest means. */
    public static final String DEFAULT_TAG = "latest";
    /** Maximum length of {@code domain/path}. */
    public static final int NAME_TOTAL_LENGTH_MAX = 255;

    private static final String LEGACY_DEFAULT_DOMAIN = "index.docker.io";
    private static final String OFFICIAL_REPO_PREFIX = "library/";
    private static final String LOCALHOST = "localhost";

    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String IPV6 = "\\[(?:[a-fA-F0-9:]+)\\]";
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*|" + IPV6 + ")(?::[0-9]+)?");
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern PATH = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile(
            "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern HEX64 = Pattern.compile("[a-f0-9]{64}");

    /** Validates every part; see the class comment for the grammar. */
    public Reference {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(path, "path");
        String name = domain + "/" + path;
        if (!DOMAIN.matcher(domain).matches()) {
            throw invalid("invalid domain \"" + domain + "\" in \"" + name + "\"");
        }
        if (!PATH.matcher(path).matches()) {
            throw PATH.matcher(path.toLowerCase(Locale.ROOT)).matches()
                    ? invalid("repository name (" + path + ") must be lowercase")
                    : invalid("invalid repository name \"" + path + "\" in \"" + name + "\"");
        }
        if (name.length() > NAME_TOTAL_LENGTH_MAX) {
            throw invalid("repository name (" + name + ") must not be more than "
                    + NAME_TOTAL_LENGTH_MAX + " characters");
        }
        if (tag != null && !TAG.matcher(tag).matches()) {
            throw invalid("invalid tag \"" + tag + "\" in \"" + name + ":" + tag + "\"");
        }
    }

    /**
     * Parses and normalizes {@code text} and, when it has neither tag nor digest, gives it the
     * tag {@code latest}: what {@code docker tag}, {@code save}, {@code rmi} and {@code run} mean
     * by a name.
     */
    public static Reference parse(String text) {
        return parseNormalized(text).withDefaultTag();
    }

    /**
     * Parses and normalizes {@code text} keeping tag and digest as written (either may be
     * absent), like Docker's {@code ParseNormalizedNamed}.
     */
    public static Reference parseNormalized(String text) {
        if (text == null || text.isEmpty()) {
            throw invalid("repository name must have at least one component");
        }
        if (HEX64.matcher(text).matches()) {
            throw new InvalidArgumentException("invalid repository name (" + text
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        String domain;
        String remainder;
        int slash = text.indexOf('/');
        String first = slash < 0 ? null : text.substring(0, slash);
        if (first == null) {
            domain = DEFAULT_DOMAIN;
            remainder = text;
        } else if (first.equals(LOCALHOST) || first.indexOf('.') >= 0 || first.indexOf(':') >= 0
                || !first.toLowerCase(Locale.ROOT).equals(first)) {
            domain = first.equals(LEGACY_DEFAULT_DOMAIN) ? DEFAULT_DOMAIN : first;
            remainder = text.substring(slash + 1);
        } else {
            domain = DEFAULT_DOMAIN;
            remainder = text;
        }
        if (domain.equals(DEFAULT_DOMAIN) && remainder.indexOf('/') < 0) {
            remainder = OFFICIAL_REPO_PREFIX + remainder;
        }
        int colon = remainder.indexOf(':');
        String remoteName = colon < 0 ? remainder : remainder.substring(0, colon);
        if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
            throw invalid("repository name (" + remoteName + ") must be lowercase");
        }
        return split(domain, remainder, text);
    }

    /** Splits {@code path[:tag][@digest]} and validates each part, naming {@code text} on error. */
    private static Reference split(String domain, String remainder, String text) {
        String namePart = remainder;
        Digest digest = null;
        int at = remainder.indexOf('@');
        if (at >= 0) {
            String digestText = remainder.substring(at + 1);
            namePart = remainder.substring(0, at);
            if (!DIGEST.matcher(digestText).matches()) {
                throw invalid("invalid digest \"" + digestText + "\" in \"" + text + "\"");
            }
            try {
                digest = Digest.parse(digestText);
            } catch (IllegalArgumentException e) {
                throw invalid("unsupported digest \"" + digestText + "\" in \"" + text
                        + "\" (sha256 or sha512, lowercase hex)");
            }
        }
        String path = namePart;
        String tag = null;
        int colon = namePart.lastIndexOf(':');
        if (colon >= 0 && colon > namePart.lastIndexOf('/')) {
            path = namePart.substring(0, colon);
            tag = namePart.substring(colon + 1);
            if (!TAG.matcher(tag).matches()) {
                throw invalid("invalid tag \"" + tag + "\" in \"" + text + "\"");
            }
        }
        if (path.isEmpty() || !PATH.matcher(path).matches()) {
            throw invalid("invalid repository name \"" + path + "\" in \"" + text + "\"");
        }
        return new Reference(domain, path, tag, digest);
    }

    /** {@code domain/path}: the repository, fully qualified. */
    public String name() {
        return domain + "/" + path;
    }

    /** The repository as Docker prints it: without {@code docker.io/} and {@code library/}. */
    public String familiarName() {
        if (!domain.equals(DEFAULT_DOMAIN)) {
            return name();
        }
        if (path.startsWith(OFFICIAL_REPO_PREFIX) && path.indexOf('/', OFFICIAL_REPO_PREFIX.length()) < 0) {
            return path.substring(OFFICIAL_REPO_PREFIX.length());
        }
        return path;
    }

    /** The whole reference as Docker prints it, e.g. {@code busybox:latest}, {@code user/app:v1}. */
    public String familiar() {
        return familiarName() + suffix();
    }

    /** This reference with {@code tag} (validated); the digest is kept. */
    public Reference withTag(String newTag) {
        return new Reference(domain, path, Objects.requireNonNull(newTag, "tag"), digest);
    }

    /** This reference with {@code newDigest}; the tag is kept. */
    public Reference withDigest(Digest newDigest) {
        return new Reference(domain, path, tag, Objects.requireNonNull(newDigest, "digest"));
    }

    /** The repository alone, without tag or digest. */
    public Reference nameOnly() {
        return new Reference(domain, path, null, null);
    }

    /** This reference, or with tag {@code latest} when it has neither tag nor digest. */
    public Reference withDefaultTag() {
        return tag == null && digest == null ? withTag(DEFAULT_TAG) : this;
    }

    /** The fully qualified form, e.g. {@code docker.io/library/busybox:latest}. */
    @Override
    public String toString() {
        return name() + suffix();
    }

    private String suffix() {
        return (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }

    private static InvalidArgumentException invalid(String detail) {
        return new InvalidArgumentException("invalid reference format: " + detail);
    }
}
