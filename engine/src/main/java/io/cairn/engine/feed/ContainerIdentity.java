package io.cairn.engine.feed;

/**
 * What Docker names a container by in every one of its events: its name (without the leading
 * slash) and the image reference it was created from.
 */
public record ContainerIdentity(String name, String image) {

    /** As an event's attributes. */
    public java.util.Map<String, String> attributes() {
        return java.util.Map.of("name", name == null ? "" : name, "image", image == null ? "" : image);
    }
}
