package io.cairn.engine.daemon.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.engine.json.Mappers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One daemon.json, read and checked: the keys it sets, each already of its Java type and within its
 * range ({@link ConfigKey#problem}). Everything else is refused with a {@link DaemonConfigException}
 * that begins with the file's path: a file larger than {@value #MAX_BYTES} bytes, a file that is not
 * regular, one that others may write (it chooses the binary the daemon runs as the OCI runtime), a
 * link where links are not followed, malformed JSON (with line and column), a key written twice, an
 * unknown key, a key of dockerd that Cairn does not implement (with the reason), a wrong type.
 *
 * @param path   the file read
 * @param values the settings it holds
 */
public record DaemonConfigFile(Path path, Map<ConfigKey, Object> values) {

    /** A daemon.json is a few hundred bytes; this bound keeps a wrong path (a log, a disk image) harmless. */
    public static final int MAX_BYTES = 64 << 10;

    public DaemonConfigFile {
        values = Map.copyOf(values);
    }

    /** A file that sets nothing (no daemon.json found). */
    public static DaemonConfigFile none() {
        return new DaemonConfigFile(null, Map.of());
    }

    /**
     * Reads and checks {@code path}.
     *
     * @param followLinks whether a link named {@code path} is followed (the root's daemon.json: no,
     *                    an operator's file in /etc or named by --config-file: yes)
     */
    public static DaemonConfigFile read(Path path, boolean followLinks) {
        LinkOption[] how = followLinks ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, PosixFileAttributes.class, how);
        } catch (IOException e) {
            throw new DaemonConfigException(path + ": cannot read: " + reason(e), e);
        }
        if (attrs.isSymbolicLink()) {
            throw new DaemonConfigException(path + ": is a symbolic link; the daemon.json in the root must be the"
                    + " file itself (name a linked file with --config-file)");
        }
        if (!attrs.isRegularFile()) {
            throw new DaemonConfigException(path + ": is not a regular file");
        }
        if (attrs.permissions().contains(PosixFilePermission.OTHERS_WRITE)
                || attrs.permissions().contains(PosixFilePermission.GROUP_WRITE)) {
            throw new DaemonConfigException(path + ": may be written by its group or others (mode "
                    + java.nio.file.attribute.PosixFilePermissions.toString(attrs.permissions())
                    + "); it chooses what the daemon runs: chmod go-w " + path);
        }
        byte[] bytes;
        // without following, a link swapped in after the check above fails the open (ELOOP)
        java.nio.file.OpenOption[] open = followLinks ? new java.nio.file.OpenOption[] {StandardOpenOption.READ}
                : new java.nio.file.OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
        try (var channel = Files.newByteChannel(path, open);
             InputStream in = Channels.newInputStream(channel)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new DaemonConfigException(path + ": cannot read: " + reason(e), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new DaemonConfigException(path + ": is larger than " + MAX_BYTES + " bytes; is it the right file?");
        }
        return parse(path, bytes);
    }

    /** Parses and checks {@code bytes} as the content of {@code path} (which is only named in errors). */
    public static DaemonConfigFile parse(Path path, byte[] bytes) {
        if (new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return new DaemonConfigFile(path, Map.of()); // as an empty {}
        }
        JsonNode tree;
        try {
            tree = Mappers.CONFIG.readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new DaemonConfigException(path + ": malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DaemonConfigException(path + ": cannot read: " + reason(e), e);
        }
        if (!tree.isObject()) {
            throw new DaemonConfigException(path + ": expected a JSON object ({\"key\": value, …}), got "
                    + tree.getNodeType().name().toLowerCase());
        }
        Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
        List<String> unknown = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            Optional<ConfigKey> key = ConfigKey.named(field.getKey());
            if (key.isEmpty()) {
                Optional<String> docker = DockerKeys.why(field.getKey());
                if (docker.isPresent()) {
                    throw new DaemonConfigException(path + ": \"" + field.getKey() + "\": " + docker.get());
                }
                unknown.add(field.getKey());
                continue;
            }
            String label = path + ": \"" + key.get().key() + "\"";
            Object value = typed(key.get(), field.getValue(), label);
            key.get().problem(value).ifPresent(p -> {
                throw new DaemonConfigException(label + ": " + p);
            });
            values.put(key.get(), value);
        }
        if (!unknown.isEmpty()) {
            // dockerd's words for the same refusal
            throw new DaemonConfigException(path + ": the following directives don't match any configuration option: "
                    + String.join(", ", unknown) + " (docs/TUNING.md lists the keys)");
        }
        return new DaemonConfigFile(path, values);
    }

    /** The value of {@code node} as {@code key}'s Java type, or the refusal naming the wrong type. */
    private static Object typed(ConfigKey key, JsonNode node, String label) {
        switch (key.kind()) {
            case INT, POWER_OF_TWO -> {
                if (!node.isIntegralNumber()) {
                    throw wrongType(label, node, "a whole number");
                }
                if (!node.canConvertToInt()) {
                    throw new DaemonConfigException(label + ": " + node + " is out of range");
                }
                return node.intValue();
            }
            case SIZE -> {
                if (node.isIntegralNumber() && node.canConvertToLong()) {
                    return node.longValue();
                }
                if (node.isTextual()) {
                    return ConfigKey.Sizes.parse(node.textValue()).orElseThrow(() -> new DaemonConfigException(
                            label + ": " + node + " is not a size (bytes, or a number with k, m, g: \"64m\", \"1GiB\")"));
                }
                throw wrongType(label, node, "a size (bytes, or a string such as \"64m\")");
            }
            case STRING, CHOICE, PATH -> {
                if (!node.isTextual()) {
                    throw wrongType(label, node, "a string");
                }
                return node.textValue();
            }
            case STRING_LIST -> {
                if (!node.isArray()) {
                    throw wrongType(label, node, "a list of strings");
                }
                List<String> items = new ArrayList<>();
                for (JsonNode item : node) {
                    if (!item.isTextual()) {
                        throw wrongType(label, item, "a list of strings");
                    }
                    items.add(item.textValue());
                }
                return List.copyOf(items);
            }
        }
        throw new IllegalStateException(key.kind().name());
    }

    private static DaemonConfigException wrongType(String label, JsonNode node, String expected) {
        String shown = node.toString();
        if (shown.length() > 60) {
            shown = shown.substring(0, 60) + "…";
        }
        return new DaemonConfigException(label + ": expected " + expected + ", got " + shown);
    }

    private static String reason(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
