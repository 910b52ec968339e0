package io.cairn.storage.blob.file;

import io.cairn.storage.blob.BlobStore;
import io.cairn.storage.blob.DigestMismatchException;
import io.cairn.storage.digest.Digest;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A {@link BlobStore} on the file system, laid out as an OCI image layout's {@code blobs/}:
 * {@code <blobsDir>/<algorithm>/<hex>}.
 *
 * <p>Ingest: the stream is copied to a fresh file in {@code tmpDir} while it is hashed, forced to
 * disk, made read-only, then renamed into place and the algorithm directory is fsynced. The rename
 * is atomic, so a blob is either absent or complete; a crash leaves at most a temp file that the
 * daemon's start-up sweep of {@code tmp/} removes. Two puts of the same content race harmlessly:
 * each writes its own temp file, and whichever rename lands last replaces identical bytes. When the
 * blob is already stored the temp file is dropped. {@code put(expected, in)} against a stored blob
 * only hashes the stream, to reject a mismatch without writing anything.
 *
 * <p>Reads are buffered ({@value #BUFFER_SIZE} bytes) and nothing holds a whole blob in memory.
 * Streams handed to {@code put} are read to the end but not closed. Thread-safe.
 */
public final class FileBlobStore implements BlobStore {

    static final int BUFFER_SIZE = 64 << 10;
    private static final List<String> ALGORITHMS = List.of(Digest.SHA256, Digest.SHA512);

    private final Path blobsDir;
    private final Path tmpDir;

    private FileBlobStore(Path blobsDir, Path tmpDir) {
        this.blobsDir = blobsDir;
        this.tmpDir = tmpDir;
    }

    /**
     * Opens the store rooted at {@code blobsDir}, staging in {@code tmpDir}; both are created if
     * missing and must be on one file system, since ingest ends with a rename.
     */
    public static FileBlobStore open(Path blobsDir, Path tmpDir) throws IOException {
        Files.createDirectories(blobsDir);
        Files.createDirectories(tmpDir);
        if (!Files.getFileStore(blobsDir).equals(Files.getFileStore(tmpDir))) {
            throw new IllegalArgumentException("blob staging directory " + tmpDir
                    + " is not on the file system of " + blobsDir + ": blobs could not be renamed into place");
        }
        FileBlobStore store = new FileBlobStore(blobsDir, tmpDir);
        store.algorithmDir(Digest.SHA256);
        return store;
    }

    @Override
    public Digest put(InputStream content) throws IOException {
        return ingest(content, Digest.SHA256, null);
    }

    @Override
    public Digest put(byte[] content) throws IOException {
        return put(new ByteArrayInputStream(content));
    }

    @Override
    public Digest put(Content content) throws IOException {
        return ingest(content, Digest.SHA256, null);
    }

    @Override
    public void put(Digest expected, InputStream content) throws IOException {
        if (exists(expected)) {
            Digest actual = hash(content, expected.algorithm());
            if (!actual.equals(expected)) {
                throw new DigestMismatchException(expected, actual);
            }
            return;
        }
        ingest(content, expected.algorithm(), expected);
    }

    @Override
    public boolean exists(Digest digest) {
        return Files.isRegularFile(path(digest));
    }

    @Override
    public long size(Digest digest) throws IOException {
        try {
            return Files.size(path(digest));
        } catch (NoSuchFileException e) {
            throw notFound(digest);
        }
    }

    @Override
    public InputStream open(Digest digest) throws IOException {
        try {
            return new BufferedInputStream(Files.newInputStream(path(digest)), BUFFER_SIZE);
        } catch (NoSuchFileException e) {
            throw notFound(digest);
        }
    }

    @Override
    public Path path(Digest digest) {
        // Safe as a file name: Digest admits only known algorithms and lowercase hex.
        return blobsDir.resolve(digest.algorithm()).resolve(digest.hex());
    }

    @Override
    public boolean verify(Digest digest) throws IOException {
        try (InputStream in = Files.newInputStream(path(digest))) {
            return hash(in, digest.algorithm()).equals(digest);
        } catch (NoSuchFileException e) {
            throw notFound(digest);
        }
    }

    @Override
    public void delete(Digest digest) throws IOException {
        if (Files.deleteIfExists(path(digest))) {
            fsyncDirectory(path(digest).getParent());
        }
    }

    @Override
    public List<Digest> list() throws IOException {
        List<Digest> digests = new ArrayList<>();
        for (String algorithm : ALGORITHMS) {
            Path dir = blobsDir.resolve(algorithm);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    // Anything not named like a digest is not a blob (this store never creates one).
                    try {
                        digests.add(new Digest(algorithm, file.getFileName().toString()));
                    } catch (IllegalArgumentException notADigest) {
                        continue;
                    }
                }
            }
        }
        Collections.sort(digests);
        return digests;
    }

    @Override
    public String toString() {
        return "FileBlobStore[" + blobsDir + "]";
    }

    /**
     * Copies {@code content} to a temp file while hashing it, then renames it into place unless
     * {@code expected} is given and differs (then nothing is stored).
     */
    private Digest ingest(InputStream content, String algorithm, Digest expected) throws IOException {
        return ingest(out -> {
            byte[] buffer = new byte[BUFFER_SIZE];
            for (int n; (n = content.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
        }, algorithm, expected);
    }

    /**
     * Lets {@code content} write a temp file while it is hashed, forces it, then renames it into
     * place unless {@code expected} is given and differs (then nothing is stored).
     */
    private Digest ingest(Content content, String algorithm, Digest expected) throws IOException {
        Path tmp = Files.createTempFile(tmpDir, "blob-", ".tmp");
        try {
            MessageDigest md = Digest.newMessageDigest(algorithm);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                HashingChannelStream out = new HashingChannelStream(channel, md);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Digest actual = Digest.of(algorithm, md.digest());
            if (expected != null && !actual.equals(expected)) {
                throw new DigestMismatchException(expected, actual);
            }
            Path target = path(actual);
            if (!Files.exists(target)) {
                // read-only, and the owner's alone: configs hold environments and build history
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--------"));
                Path dir = algorithmDir(algorithm);
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                fsyncDirectory(dir);
            }
            return actual;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Digest hash(InputStream content, String algorithm) throws IOException {
        MessageDigest md = Digest.newMessageDigest(algorithm);
        byte[] buffer = new byte[BUFFER_SIZE];
        for (int n; (n = content.read(buffer)) != -1; ) {
            md.update(buffer, 0, n);
        }
        return Digest.of(algorithm, md.digest());
    }

    /** The directory of one algorithm's blobs, created (and made durable) on first use. */
    private Path algorithmDir(String algorithm) throws IOException {
        Path dir = blobsDir.resolve(algorithm);
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            fsyncDirectory(blobsDir);
        }
        return dir;
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private NoSuchFileException notFound(Digest digest) {
        return new NoSuchFileException(path(digest).toString(), null, "blob " + digest + " not found");
    }
}
