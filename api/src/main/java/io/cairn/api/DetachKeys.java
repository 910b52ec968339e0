package io.cairn.api;

import java.io.ByteArrayOutputStream;

/**
 * Docker's {@code --detach-keys} (the {@code detachKeys} of attach, the {@code DetachKeys} of exec):
 * comma-separated keys, each a single character or {@code ctrl-X}. Client and daemon share this
 * one parser, so {@code run -d --detach-keys} and an API request are refused with the same words.
 */
public final class DetachKeys {

    /** Docker's default detach keys: Ctrl-P, Ctrl-Q. */
    private static final byte[] DEFAULT = {16, 17};

    private DetachKeys() {
    }

    /**
     * The byte sequence {@code spec} names; Docker's default (Ctrl-P, Ctrl-Q) for null or empty.
     *
     * @throws InvalidArgumentException for a key that is neither one character nor {@code ctrl-} and one of
     *                                  {@code a-z @ [ \ ] ^ _}
     */
    public static byte[] parse(String spec) {
        if (spec == null || spec.isEmpty()) {
            return DEFAULT.clone();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String key : spec.split(",", -1)) {
            String k = key.trim();
            if (k.length() == 1 && k.charAt(0) < 0x80) {
                out.write(k.charAt(0));
            } else if (k.length() == 6 && k.regionMatches(true, 0, "ctrl-", 0, 5)) {
                char c = Character.toLowerCase(k.charAt(5));
                if (c >= 'a' && c <= 'z') {
                    out.write(c - 'a' + 1);
                } else if ("@[\\]^_".indexOf(c) >= 0) {
                    out.write("@[\\]^_".indexOf(c) == 0 ? 0 : c - '@');
                } else {
                    throw invalid(spec, k);
                }
            } else {
                throw invalid(spec, k);
            }
        }
        return out.toByteArray();
    }

    private static InvalidArgumentException invalid(String spec, String key) {
        return new InvalidArgumentException("invalid detach keys '" + spec + "': unknown key '" + key
                + "' (want a single character or ctrl-X, X one of a-z @ [ \\ ] ^ _)");
    }
}
