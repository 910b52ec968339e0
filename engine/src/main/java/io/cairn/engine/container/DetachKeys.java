package io.cairn.engine.container;

import io.cairn.api.InvalidArgumentException;
import java.io.ByteArrayOutputStream;

/** Docker's {@code --detach-keys}: comma-separated keys, each a single character or {@code ctrl-X}. */
final class DetachKeys {

    private DetachKeys() {
    }

    /**
     * The byte sequence {@code spec} names; Docker's default (Ctrl-P, Ctrl-Q) for null or empty.
     *
     * @throws InvalidArgumentException for a key that is neither one character nor {@code ctrl-} and one of
     *                                  {@code a-z @ [ \ ] ^ _}
     */
    static byte[] parse(String spec) {
        if (spec == null || spec.isEmpty()) {
            return Attachments.DEFAULT_DETACH_KEYS.clone();
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
