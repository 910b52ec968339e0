package io.cairn.storage.blob.file;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/**
 * The stream an ingest's producer writes to: bytes are hashed and gathered into
 * {@value FileBlobStore#BUFFER_SIZE}-byte writes to the staging file. {@link #close} only flushes:
 * the channel belongs to the ingest, which forces and closes it.
 */
final class HashingChannelStream extends OutputStream {

    private final FileChannel channel;
    private final MessageDigest md;
    private final byte[] buffer = new byte[FileBlobStore.BUFFER_SIZE];
    private int used;

    HashingChannelStream(FileChannel channel, MessageDigest md) {
        this.channel = channel;
        this.md = md;
    }

    @Override
    public void write(int b) throws IOException {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len >= buffer.length) {
            flush();
            drain(ByteBuffer.wrap(b, off, len));
            return;
        }
        if (len > buffer.length - used) {
            flush();
        }
        System.arraycopy(b, off, buffer, used, len);
        used += len;
    }

    @Override
    public void flush() throws IOException {
        if (used > 0) {
            drain(ByteBuffer.wrap(buffer, 0, used));
            used = 0;
        }
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void drain(ByteBuffer chunk) throws IOException {
        md.update(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
        while (chunk.hasRemaining()) {
            channel.write(chunk);
        }
    }
}
