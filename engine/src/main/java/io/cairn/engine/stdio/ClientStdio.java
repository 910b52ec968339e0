package io.cairn.engine.stdio;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The standard streams of one hijacked client. {@link #in} ends (-1) when the client closed its
 * writing side (Docker's {@code CloseWrite}) or went away; writes to {@link #out} or {@link #err}
 * fail with an {@link IOException} once the client is gone, or once it has stopped reading for
 * longer than the daemon's idle timeout, so a client that never reads cannot hold a process's
 * output forever. Without a terminal, {@code out} and {@code err} are the two streams of Docker's
 * multiplexed format; with one, both write the raw stream. Thread-safe: output may come from two
 * threads at once.
 */
public interface ClientStdio extends AutoCloseable {

    InputStream in();

    OutputStream out();

    OutputStream err();

    /** Ends the client's input side of the stream (the output is done): the client sees EOF. */
    void closeOutput();

    /** Drops the connection. */
    @Override
    void close();
}
