package io.cairn.storage.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A content digest in the OCI form {@code algorithm:hex}, immutable and validated at construction.
 *
 * <p>Only sha256 is produced by Cairn; sha256 ({@code 64} lowercase hex digits) and sha512
 * ({@code 128}) are accepted when parsed, as the OCI image spec registers both. Upper-case hex,
 * other algorithms, missing parts and surrounding whitespace are rejected with an
 * {@link IllegalArgumentException} that quotes the offending text, so a bad reference from outside
 * never reaches a file name. Digests order by their text form.
 */
public record Digest(String algorithm, String hex) implements Comparable<Digest> {

    public static final String SHA256 = "sha256";
    public static final String SHA512 = "sha512";

    private static final Pattern SHA256_HEX = Pattern.compile("[a-f0-9]{64}");
    private static final Pattern SHA512_HEX = Pattern.compile("[a-f0-9]{128}");

    public Digest {
        if (algorithm == null || hex == null) {
            throw new IllegalArgumentException("invalid digest: " + algorithm + ":" + hex);
        }
        boolean valid = switch (algorithm) {
            case SHA256 -> SHA256_HEX.matcher(hex).matches();
            case SHA512 -> SHA512_HEX.matcher(hex).matches();
            default -> false;
        };
        if (!valid) {
            throw new IllegalArgumentException("invalid digest: \"" + algorithm + ":" + hex + "\"");
        }
    }

    /**
     * Parses {@code sha256:<64 lowercase hex>} or {@code sha512:<128 lowercase hex>}; throws
     * IllegalArgumentException quoting the text otherwise (including for {@code null}).
     */
    public static Digest parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("invalid digest: \"" + text + "\"");
        }
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    /** The sha256 digest of {@code bytes}. */
    public static Digest sha256(byte[] bytes) {
        return ofSha256(newSha256().digest(bytes));
    }

    /** The sha256 digest of the UTF-8 encoding of {@code text}. */
    public static Digest sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Wraps the result of a finished sha256 {@link MessageDigest}. */
    public static Digest ofSha256(byte[] digestBytes) {
        return of(SHA256, digestBytes);
    }

    /** Wraps the result of a finished {@link MessageDigest} of {@code algorithm}. */
    public static Digest of(String algorithm, byte[] digestBytes) {
        return new Digest(algorithm, HexFormat.of().formatHex(digestBytes));
    }

    public static MessageDigest newSha256() {
        return newMessageDigest(SHA256);
    }

    /** A fresh {@link MessageDigest} for an OCI algorithm name ({@code sha256}, {@code sha512}). */
    public static MessageDigest newMessageDigest(String algorithm) {
        String jdkName = switch (algorithm) {
            case SHA256 -> "SHA-256";
            case SHA512 -> "SHA-512";
            default -> throw new IllegalArgumentException("unsupported digest algorithm: " + algorithm);
        };
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + jdkName, e);
        }
    }

    /** A fresh {@link MessageDigest} of this digest's algorithm, to check content against it. */
    public MessageDigest newMessageDigest() {
        return newMessageDigest(algorithm);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    @Override
    public int compareTo(Digest o) {
        return toString().compareTo(o.toString());
    }
}
