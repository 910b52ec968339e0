package io.cairn.engine.build.copy;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One entry a COPY or ADD writes into its layer.
 *
 * @param dest     path in the image, relative to {@code /}, clean
 * @param kind     what it is
 * @param source   the host file to copy (regular files), empty for directories, links and inline content
 * @param content  inline bytes (heredoc sources), empty otherwise
 * @param link     a symbolic link's target
 * @param mode     permission bits
 * @param uid      owner
 * @param gid      group
 * @param mtime    modification time, seconds since the epoch (not part of the cache key)
 */
public record CopyItem(String dest, Kind kind, Optional<Path> source, Optional<byte[]> content, String link, int mode,
                       int uid, int gid, long mtime) {

    /** The entry types; ARCHIVE is a local tar that ADD unpacks into {@code dest}. */
    public enum Kind { DIRECTORY, FILE, SYMLINK, ARCHIVE }
}
