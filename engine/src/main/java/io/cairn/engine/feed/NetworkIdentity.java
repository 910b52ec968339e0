package io.cairn.engine.feed;

/** What Docker names a network by in every one of its events: its name and its driver ({@code type}). */
public record NetworkIdentity(String name, String type) {

    /** As an event's attributes. */
    public java.util.Map<String, String> attributes() {
        return java.util.Map.of("name", name == null ? "" : name, "type", type == null ? "" : type);
    }
}
