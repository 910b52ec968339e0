package io.cairn.engine.image;

import io.cairn.engine.registry.Repository;
import io.cairn.storage.digest.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/**
 * An uncompressed layer read as its gzip or zstd form, compressed as it is read (no temporary
 * file), hashing and counting the compressed bytes it gives. Same input, same output: gzip without
 * a name or time in its header, so a layer compressed again hashes the same.
 */
final class CompressingStream extends InputStream {

    /** Opens a source once and reports the digest and size of what was read from it. */
    static final class Producer implements Repository.Producer {
        private final Source source;
        private final String compression;
        private CompressingStream stream;

        Producer(Source source, String compression) {
            this.source = source;
            this.compression = compression;
        }

        @Override
        public InputStream open() throws IOException {
            stream = new CompressingStream(source.open(), compression);
            return stream;
        }

        @Override
        public Repository.Sent result() {
            if (stream == null || !stream.finished || stream.pos < stream.len) {
                throw new IllegalStateException("the layer was not read to its end");
            }
            return new Repository.Sent(Digest.ofSha256(stream.hash.digest()), stream.count);
        }
    }

    /** Where the uncompressed bytes come from. */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    private final InputStream source;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 17);
    private final OutputStream compressor;
    private final MessageDigest hash = Digest.newSha256();
    private final byte[] chunk = new byte[1 << 16];
    private byte[] pending = new byte[0];
    private int pos;
    private int len;
    private long count;
    private boolean finished;

    CompressingStream(InputStream source, String compression) throws IOException {
        this.source = source;
        this.compressor = compression.equals("zstd") ? new ZstdCompressorOutputStream(buffer, 3)
                : new GZIPOutputStream(buffer, 1 << 16) {
                    {
                        def.setLevel(Deflater.DEFAULT_COMPRESSION);
                    }
                };
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        while (pos >= len) {
            if (finished) {
                return -1;
            }
            fill();
        }
        int k = Math.min(n, len - pos);
        System.arraycopy(pending, pos, b, off, k);
        hash.update(pending, pos, k);
        pos += k;
        count += k;
        return k;
    }

    /** Compresses the next chunk; what the compressor wrote (its header first) becomes the pending bytes. */
    private void fill() throws IOException {
        int r = source.read(chunk);
        if (r < 0) {
            compressor.close();
            finished = true;
        } else {
            compressor.write(chunk, 0, r);
        }
        pending = buffer.toByteArray();
        len = pending.length;
        pos = 0;
        buffer.reset();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
