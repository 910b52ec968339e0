package io.cairn.cli.image;

/** How image IDs print: 12 hex without {@code sha256:}, or whole with {@code --no-trunc}. */
final class ImageIds {
    private ImageIds() {
    }

    static String show(String id, boolean noTrunc) {
        if (noTrunc) {
            return id;
        }
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
