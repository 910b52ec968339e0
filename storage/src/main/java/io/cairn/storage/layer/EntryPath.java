package io.cairn.storage.layer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A tar entry name reduced to its components: leading {@code ./}, empty and {@code .} components
 * dropped. Absolute names and {@code ..} components are refused, so an EntryPath can only name
 * something at or under the layer root (symlinks aside, which the extractor never follows).
 */
record EntryPath(List<String> components) {
    /** Linux PATH_MAX, minus the NUL. */
    private static final int MAX_NAME_BYTES = 4095;

    static EntryPath parse(String entry, String name, String what) throws InvalidLayerException {
        if (name.startsWith("/")) {
            throw new InvalidLayerException(entry, what + " is absolute: " + name);
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new InvalidLayerException(entry, what + " is longer than " + MAX_NAME_BYTES + " bytes");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new InvalidLayerException(entry, what + " has a '..' component: " + name);
            }
            if (part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
                throw new InvalidLayerException(entry, what + " has a component longer than 255 bytes");
            }
            parts.add(part);
        }
        return new EntryPath(List.copyOf(parts));
    }

    /** This path followed by {@code rest}'s components. */
    EntryPath append(EntryPath rest) {
        if (rest.isRoot()) {
            return this;
        }
        List<String> c = new ArrayList<>(components);
        c.addAll(rest.components);
        return new EntryPath(List.copyOf(c));
    }

    boolean isRoot() {
        return components.isEmpty();
    }

    String fileName() {
        return components.get(components.size() - 1);
    }

    EntryPath parent() {
        return new EntryPath(components.subList(0, components.size() - 1));
    }

    EntryPath child(String name) {
        List<String> c = new ArrayList<>(components);
        c.add(name);
        return new EntryPath(List.copyOf(c));
    }

    Path under(Path root) {
        Path p = root;
        for (String c : components) {
            p = p.resolve(c);
        }
        return p;
    }

    @Override
    public String toString() {
        return isRoot() ? "." : String.join("/", components);
    }
}
