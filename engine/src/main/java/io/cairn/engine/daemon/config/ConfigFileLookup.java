package io.cairn.engine.daemon.config;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which daemon.json the daemon reads: the file {@code --config-file} names (it must exist; links
 * followed), else {@code <root>/daemon.json} when it exists (a link there is refused: the root is the
 * daemon's own closed directory, see {@link DaemonConfigFile#read}), else the system file when it
 * exists (links followed: configuration management often links /etc files), else none.
 *
 * @param systemFile the system-wide file, {@value #SYSTEM_FILE} in the daemon; tests give another so
 *                   that none ever writes /etc
 */
public record ConfigFileLookup(Path systemFile) {

    public static final String SYSTEM_FILE = "/etc/cairn/daemon.json";

    /** The system file of a real daemon ({@value #SYSTEM_FILE}). */
    public static ConfigFileLookup system() {
        return new ConfigFileLookup(Path.of(SYSTEM_FILE));
    }

    /** Reads the file that applies to {@code root}; {@link DaemonConfigFile#none()} when there is none. */
    public DaemonConfigFile read(Path root, Optional<Path> configFile) {
        if (configFile.isPresent()) {
            return DaemonConfigFile.read(configFile.get(), true);
        }
        Path inRoot = root.resolve("daemon.json");
        if (Files.exists(inRoot, LinkOption.NOFOLLOW_LINKS)) {
            return DaemonConfigFile.read(inRoot, false);
        }
        if (Files.exists(systemFile)) {
            return DaemonConfigFile.read(systemFile, true);
        }
        return DaemonConfigFile.none();
    }
}
