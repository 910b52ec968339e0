package io.cairn.engine.image.reference;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognizes image IDs as users type them: the config digest's 64 hex digits or a prefix of at
 * least 12 of them (what {@code docker images} prints), with or without {@code sha256:}.
 *
 * <p>A string can be both an ID prefix and a valid repository name ({@code abcdef123456}); like
 * Docker, callers try the name first and fall back to the ID.
 */
public final class ImageIds {

    /** Length of the short ID that {@code images} prints. */
    public static final int SHORT_LENGTH = 12;

    private static final Pattern ID = Pattern.compile("(?:sha256:)?[a-f0-9]{12,64}");

    private ImageIds() {
    }

    /** Whether {@code text} is a full or short image ID (12 to 64 lowercase hex digits, optional {@code sha256:}). */
    public static boolean looksLikeId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    /** Whether {@code text} is a full image ID: 64 hex digits, optional {@code sha256:}. */
    public static boolean isFullId(String text) {
        return looksLikeId(text) && hex(text).length() == 64;
    }

    /**
     * The hex digits of an ID or ID prefix, without {@code sha256:}; throws
     * IllegalArgumentException quoting {@code text} if it does not {@linkplain #looksLikeId look like one}.
     */
    public static String hex(String text) {
        if (!looksLikeId(text)) {
            throw new IllegalArgumentException("not an image ID: \"" + text + "\"");
        }
        return text.startsWith("sha256:") ? text.substring(7) : text;
    }

    /** The 12-digit short form of a full ID or config digest text ({@code sha256:} dropped). */
    public static String shortId(String id) {
        return hex(id.toLowerCase(Locale.ROOT)).substring(0, SHORT_LENGTH);
    }
}
