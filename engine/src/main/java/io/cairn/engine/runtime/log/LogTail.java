package io.cairn.engine.runtime.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a growing log file from where it last stopped and hands each complete record (up to its
 * newline) to the decoder; a record still being written stays for the next call. conmon writes
 * records of at most its buffer's size (8 KiB and a header), so a longer one means a damaged file:
 * it fails rather than being held in memory without bound.
 */
final class LogTail implements AutoCloseable {
    /** Far above conmon's records, far below what could hurt the daemon's heap. */
    static final int MAX_RECORD = 1024 * 1024;

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
                key = java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            } catch (NoSuchFileException e) {
                return false; // conmon creates it when the container starts
            }
        }
        boolean any = readAll();
        if (!any && replaced()) {
            // the monitor renamed a new file over the log (rotation): what the old one held is read, go on with the new
            channel.close();
            channel = null;
            carry = new byte[0];
            return poll();
        }
        return any;
    }

    private Object key;

    /** Whether the path now names another file than the one open (false when it names none). */
    private boolean replaced() throws IOException {
        try {
            Object now = java.nio.file.Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return now != null && key != null && !now.equals(key);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private boolean readAll() throws IOException {
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
            if (data.length - start > MAX_RECORD) {
                throw new IllegalArgumentException("not a k8s-file log record at " + file + ":" + (line + 1)
                        + ": longer than " + MAX_RECORD + " bytes without a newline");
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
