package io.cairn.engine.runtime.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a growing log file from where it last stopped and hands each complete record (up to its
 * newline) to the decoder; a record still being written stays for the next call.
 */
final class LogTail implements AutoCloseable {
    private final Path file;
    private final K8sFileDecoder decoder;
    private FileChannel channel;
    private byte[] carry = new byte[0];
    private long line;

    LogTail(Path file, K8sFileDecoder decoder) {
        this.file = file;
        this.decoder = decoder;
    }

    /** Reads what was appended since the last call; returns whether anything was. */
    boolean poll() throws IOException {
        if (channel == null) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ);
            } catch (NoSuchFileException e) {
                return false; // conmon creates it when the container starts
            }
        }
        boolean any = false;
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (channel.read(buf) > 0) {
            any = true;
            buf.flip();
            byte[] data = new byte[carry.length + buf.remaining()];
            System.arraycopy(carry, 0, data, 0, carry.length);
            buf.get(data, carry.length, buf.remaining());
            buf.clear();
            int start = 0;
            for (int i = 0; i < data.length; i++) {
                if (data[i] == '\n') {
                    line++;
                    decoder.line(data, start, i, file + ":" + line);
                    start = i + 1;
                }
            }
            carry = java.util.Arrays.copyOfRange(data, start, data.length);
        }
        return any;
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
