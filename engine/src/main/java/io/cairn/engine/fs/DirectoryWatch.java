package io.cairn.engine.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a file another process writes: wakes when an entry of the directory is created or
 * modified (the JDK's WatchService, inotify on Linux), instead of re-reading the file on a timer.
 * Register before the first look at the file, so that a change between the look and the wait still
 * wakes the waiter. One waiter per watch; close it when done.
 */
public final class DirectoryWatch implements AutoCloseable {

    private final WatchService service;

    private DirectoryWatch(WatchService service) {
        this.service = service;
    }

    /** Watches the entries of {@code dir} (which must exist). */
    public static DirectoryWatch of(Path dir) throws IOException {
        WatchService service = dir.getFileSystem().newWatchService();
        try {
            dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        return new DirectoryWatch(service);
    }

    /**
     * Waits up to {@code nanos} for a change in the directory (any entry: the caller looks again at
     * what it waits for).
     *
     * @return false when the time passed with no change
     */
    public boolean await(long nanos) throws InterruptedIOException {
        try {
            WatchKey key = service.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
            if (key == null) {
                return false;
            }
            key.pollEvents();
            key.reset();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted waiting for a change in a directory");
        } catch (ClosedWatchServiceException e) {
            return true; // closed under the waiter: let it look again
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
