package io.cairn.engine.image.archive;

import io.cairn.api.InvalidArgumentException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Names inside an archive, checked before they become paths under the staging directory. */
final class StagedPaths {

    private StagedPaths() {
    }

    /**
     * {@code name} without {@code ./}, empty and trailing components: refuses absolute names and
     * {@code ..} components, naming {@code what} and {@code name}. Empty for the archive's root.
     */
    static String clean(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new InvalidArgumentException(what + " has an empty name");
        }
        if (name.startsWith("/")) {
            throw new InvalidArgumentException(what + " \"" + name + "\" is an absolute path");
        }
        if (name.indexOf('\0') >= 0) {
            throw new InvalidArgumentException(what + " \"" + name.replace('\0', '?') + "\" contains a NUL byte");
        }
        StringBuilder sb = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new InvalidArgumentException(what + " \"" + name + "\" has a \"..\" component");
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    /**
     * The regular file {@code name} (a path from an archive's JSON) under the staged {@code root}
     * (a real path), following symlinks only while they stay inside it. Errors name {@code what}.
     */
    static Path regularFile(Path root, String name, String what) throws IOException {
        String relative = clean(name, what);
        if (relative.isEmpty()) {
            throw new InvalidArgumentException(what + " \"" + name + "\" is not a file");
        }
        Path real;
        try {
            real = root.resolve(relative).toRealPath();
        } catch (NoSuchFileException e) {
            throw new InvalidArgumentException(what + " \"" + name + "\" is missing from the archive");
        }
        if (!real.startsWith(root)) {
            throw new InvalidArgumentException(what + " \"" + name + "\" resolves outside the archive");
        }
        if (!Files.isRegularFile(real)) {
            throw new InvalidArgumentException(what + " \"" + name + "\" is not a regular file");
        }
        return real;
    }
}
