package io.cairn.storage.posix;

import java.io.IOException;
import java.nio.file.Path;

/** A libc call failed; the message names the call, the path and the errno. */
public final class PosixException extends IOException {
    private final String call;
    private final Path path;
    private final int errno;

    public PosixException(String call, Path path, int errno, String description) {
        super(call + "(" + path + "): " + description + " (errno " + errno + ")");
        this.call = call;
        this.path = path;
        this.errno = errno;
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
