package io.cairn.journal.chronicle;

import io.cairn.journal.JournalException;
import net.openhft.chronicle.queue.ExcerptAppender;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Forces the queue files written since the last flush to the device, for
 * {@link io.cairn.journal.Durability#SYNC}. Used by the writer thread only.
 *
 * <p>Chronicle writes through a shared mapping; on Linux {@code fdatasync} on any descriptor of
 * the file writes back the pages dirtied through the mapping, so one {@code force} per file per
 * batch is enough and no Chronicle internals are involved. After a batch that started a cycle
 * file, the directory and Chronicle's directory listing ({@code metadata.cq4t}) are synced too,
 * so that the new file's name survives power loss as well as its content.
 */
final class FileSyncer implements Closeable {

    private final Path dir;
    private final List<FileChannel> retired = new ArrayList<>();
    private FileChannel current;
    private Path currentPath;
    private int currentCycle;
    private boolean dirty;
    private boolean newFile;

    FileSyncer(Path dir) {
        this.dir = dir;
    }

    /**
     * Records an append to {@code cycle}; opens the cycle's file the first time (a new cycle, or
     * the first append since open), which costs an {@code open} once per file.
     */
    void written(int cycle, ExcerptAppender appender) {
        dirty = true;
        if (cycle == currentCycle && current != null) {
            return;
        }
        if (current != null) {
            retired.add(current);
        }
        File file = appender.currentFile();
        currentPath = file.toPath();
        currentCycle = cycle;
        try {
            current = FileChannel.open(currentPath, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new JournalException("journal " + dir + ": cannot open " + currentPath + " to sync it", e);
        }
        newFile = true;
    }

    /** Forces every file written since the last call; one {@code fdatasync} per file. */
    void sync() {
        if (!dirty) {
            return;
        }
        for (FileChannel channel : retired) {
            force(channel, currentPath, false);
            closeQuietly(channel);
        }
        retired.clear();
        force(current, currentPath, false);
        if (newFile) {
            Path metadata = dir.resolve("metadata.cq4t");
            if (metadata.toFile().exists()) {
                forcePath(metadata, StandardOpenOption.WRITE);
            }
            forcePath(dir);
            newFile = false;
        }
        dirty = false;
    }

    private void forcePath(Path path, StandardOpenOption... extra) {
        List<StandardOpenOption> options = new ArrayList<>(List.of(StandardOpenOption.READ));
        options.addAll(List.of(extra));
        try (FileChannel channel = FileChannel.open(path, options.toArray(StandardOpenOption[]::new))) {
            channel.force(true);
        } catch (IOException e) {
            throw new JournalException("journal " + dir + ": cannot sync " + path, e);
        }
    }

    private void force(FileChannel channel, Path name, boolean metadata) {
        try {
            channel.force(metadata);
        } catch (IOException e) {
            throw new JournalException("journal " + dir + ": cannot sync a queue file (current: " + name + ")", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // A descriptor used only for fdatasync: closing it cannot lose data.
        }
    }

    @Override
    public void close() {
        retired.forEach(FileSyncer::closeQuietly);
        retired.clear();
        if (current != null) {
            closeQuietly(current);
            current = null;
        }
    }
}
