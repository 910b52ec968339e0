package io.cairn.cli.client;

import java.io.IOException;

/** Receives a streamed response body line by line. */
@FunctionalInterface
public interface LineSink {
    /** @return {@code false} to stop reading */
    boolean line(String line) throws IOException;
}
