package io.cairn.storage.layer.tar;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One tar entry's metadata, after long names (GNU and PAX) and PAX overrides have been applied.
 *
 * @param name      the entry's path as written in the archive (UTF-8), unnormalised
 * @param type      entry kind
 * @param mode      the twelve permission bits (setuid, setgid and sticky included)
 * @param uid       numeric owner (names are ignored: layers are numeric)
 * @param gid       numeric group
 * @param size      bytes of content that follow (0 for every type but {@link TarType#REGULAR})
 * @param mtimeSeconds modification time, seconds since the epoch
 * @param mtimeNanos   sub-second part (only PAX headers carry one)
 * @param linkName  target of a symlink or hard link, "" otherwise
 * @param devMajor  device major number (devices only)
 * @param devMinor  device minor number (devices only)
 * @param xattrs    extended attributes (from {@code SCHILY.xattr.*}), raw bytes, sorted by name
 */
public record TarEntry(String name, TarType type, int mode, long uid, long gid, long size,
                       long mtimeSeconds, int mtimeNanos, String linkName, long devMajor, long devMinor,
                       Map<String, byte[]> xattrs) {

    public TarEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(linkName, "linkName");
        if (size < 0 || (type.headerOnly() && size != 0)) {
            throw new IllegalArgumentException("tar entry " + name + ": invalid size " + size + " for " + type);
        }
        if (mtimeNanos < 0 || mtimeNanos > 999_999_999) {
            throw new IllegalArgumentException("tar entry " + name + ": invalid nanoseconds " + mtimeNanos);
        }
        xattrs = Collections.unmodifiableMap(new TreeMap<>(xattrs));
    }
}
