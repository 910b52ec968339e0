package io.cairn.storage.posix;

import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A libc call failed; the message names the call, the path and the errno. It is a
 * {@link FileSystemException} (file = the path, reason = strerror) because it is one: callers that
 * tell the disk's failures (ENOSPC, EACCES) from a bad input's catch that type and need not know
 * which binding made the call.
 */
public final class PosixException extends FileSystemException {
    private final String call;
    private final Path path;
    private final int errno;

    public PosixException(String call, Path path, int errno, String description) {
        super(String.valueOf(path), null, description);
        this.call = call;
        this.path = path;
        this.errno = errno;
    }

    @Override
    public String getMessage() {
        return call + "(" + path + "): " + getReason() + " (errno " + errno + ")";
    }

    /** The libc function that failed, e.g. {@code lsetxattr}. */
    public String call() {
        return call;
    }

    public Path path() {
        return path;
    }

    public int errno() {
        return errno;
    }
}
