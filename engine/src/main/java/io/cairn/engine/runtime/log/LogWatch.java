package io.cairn.engine.runtime.log;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Wakes the threads that follow logs when there is something to read or to decide, so that a
 * follower sleeps instead of polling: the file system says when a log changes (one inotify watch
 * per directory that has followers, through one {@link WatchService} for the whole daemon), and the
 * engine says when a container's run ends ({@link #wake}), which no file event shows.
 *
 * <p>A {@link Subscription} remembers a wake that came while its follower was busy reading, so a
 * change between a read and the next wait is never lost. When the file system cannot watch (inotify
 * limits), a subscription still works: its waits then end at their bound, as a poll.
 * Thread-safe; {@link #close} ends the watch thread and wakes every follower.
 */
public final class LogWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LogWatch.class.getName());

    private final Map<Path, Watched> directories = new HashMap<>();
    private WatchService service;
    private Thread dispatcher;
    private boolean closed;

    /** A directory's watch key and the subscriptions to files in it. */
    private static final class Watched {
        WatchKey key;
        final List<Subscription> subscriptions = new ArrayList<>();
    }

    /** One follower's wake-ups for one file. */
    public final class Subscription implements AutoCloseable {
        private final Path file;
        private boolean pending;

        private Subscription(Path file) {
            this.file = file;
        }

        /** Wakes this follower (now, or at its next wait when it is not waiting). */
        synchronized void wake() {
            pending = true;
            notifyAll();
        }

        /**
         * Waits until woken or {@code nanos} pass; a wake that came since the last wait ends it at once.
         *
         * @return whether it was woken (false: the time ran out)
         */
        public synchronized boolean await(long nanos) throws InterruptedException {
            long deadline = System.nanoTime() + nanos;
            while (!pending) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            pending = false;
            return true;
        }

        @Override
        public void close() {
            unsubscribe(this);
        }
    }

    /**
     * Subscribes to changes of {@code file} (its directory must exist; the file need not yet): any
     * event on a name in the directory that starts with the file's name (the log and its rotated
     * siblings) wakes the subscription.
     */
    public synchronized Subscription subscribe(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Subscription s = new Subscription(absolute);
        if (closed) {
            s.wake();
            return s;
        }
        Watched w = directories.computeIfAbsent(absolute.getParent(), d -> new Watched());
        w.subscriptions.add(s);
        if (w.key == null) {
            try {
                w.key = absolute.getParent().register(service(), StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
            } catch (IOException e) {
                // the follower's waits end at their bound instead (a poll): slower, never stuck
                LOG.warning("cannot watch " + absolute.getParent() + " for log followers: " + e.getMessage());
            }
        }
        return s;
    }

    /** Wakes every subscription to {@code file}: the engine calls it when a container's run ends or it goes. */
    public synchronized void wake(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Watched w = directories.get(absolute.getParent());
        if (w != null) {
            for (Subscription s : w.subscriptions) {
                if (s.file.equals(absolute)) {
                    s.wake();
                }
            }
        }
    }

    private synchronized void unsubscribe(Subscription s) {
        Path dir = s.file.getParent();
        Watched w = directories.get(dir);
        if (w == null || !w.subscriptions.remove(s) || !w.subscriptions.isEmpty()) {
            return;
        }
        directories.remove(dir);
        if (w.key != null) {
            w.key.cancel();
        }
    }

    private WatchService service() throws IOException {
        if (service == null) {
            service = FileSystems.getDefault().newWatchService();
            dispatcher = new Thread(this::dispatch, "cairn-log-watch");
            dispatcher.setDaemon(true);
            dispatcher.start();
        }
        return service;
    }

    private void dispatch() {
        WatchService watching;
        synchronized (this) {
            watching = service;
        }
        try {
            while (true) {
                WatchKey key = watching.take();
                List<WatchEvent<?>> events = key.pollEvents();
                key.reset();
                synchronized (this) {
                    Path dir = (Path) key.watchable();
                    Watched w = directories.get(dir.toAbsolutePath().normalize());
                    if (w == null) {
                        continue;
                    }
                    for (WatchEvent<?> event : events) {
                        boolean overflow = event.kind() == StandardWatchEventKinds.OVERFLOW;
                        String name = overflow ? null : event.context().toString();
                        for (Subscription s : w.subscriptions) {
                            // an overflow lost the names: everyone in the directory looks again
                            if (overflow || name.startsWith(s.file.getFileName().toString())) {
                                s.wake();
                            }
                        }
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: the daemon stops
        }
    }

    @Override
    public void close() {
        WatchService ending;
        synchronized (this) {
            closed = true;
            ending = service;
            directories.values().forEach(w -> w.subscriptions.forEach(Subscription::wake));
        }
        if (ending != null) {
            try {
                ending.close();
            } catch (IOException e) {
                LOG.fine("closing the log watch: " + e.getMessage());
            }
        }
    }
}
