package io.cairn.storage.index.rocks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;

/**
 * Loads RocksDB's JNI library once per JVM, from a pre-extracted directory when one is configured.
 *
 * <p>{@link RocksDB#loadLibrary()} copies the ~15 MB library out of the jar into java.io.tmpdir at
 * every start (~100 ms). The launcher avoids that by calling {@link #extractTo} (or this class's
 * {@link #main}) once at install time and starting the daemon with
 * {@code -D}{@value #DIR_PROPERTY}{@code =<dir>}; {@link #load()} then maps the file in place.
 *
 * <p>Next to the library, {@value #STAMP_SUFFIX} records the size and CRC-32 of the jar entry it
 * came from. They are read from the jar's central directory, without inflating anything, and when
 * they do not match the rocksdbjni jar on the class path (an upgrade without re-extraction), the
 * stale file is ignored and the library is extracted the usual way: loading a library built for
 * other Java classes would fail at the first native call, or worse.
 *
 * <p>RocksJava 10.10's {@link RocksDB#loadLibrary(List)} looks for {@code librocksdbjnijni-linux64.so}
 * (it passes {@code "rocksdbjni"} to a helper that appends {@code jni} again), so the directory also
 * gets a relative symbolic link of that name to the real file; the JVM records the link's target.
 */
public final class RocksNativeLibrary {

    /** System property naming the directory that holds the pre-extracted library. */
    public static final String DIR_PROPERTY = "cairn.native.dir";

    static final String STAMP_SUFFIX = ".stamp";

    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    private static volatile boolean loaded;
    private static volatile Path loadedFrom;

    private RocksNativeLibrary() {
    }

    /**
     * Loads the library if it is not loaded yet. Must run before any RocksDB object is created (the
     * static initializers of RocksDB's option classes would otherwise extract it themselves).
     */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        String dir = System.getProperty(DIR_PROPERTY);
        if (dir != null && !dir.isBlank() && isCurrent(Path.of(dir))) {
            RocksDB.loadLibrary(List.of(Path.of(dir).toAbsolutePath().toString()));
            loadedFrom = Path.of(dir).toAbsolutePath().resolve(fileName());
        } else {
            RocksDB.loadLibrary();
        }
        loaded = true;
    }

    /** The pre-extracted file the library was loaded from, or {@code null} if it came from the jar. */
    public static Path loadedFrom() {
        return loadedFrom;
    }

    /** The platform's library file name, e.g. {@code librocksdbjni-linux64.so}. */
    public static String fileName() {
        return Environment.getJniLibraryFileName("rocksdb");
    }

    /** The name {@link RocksDB#loadLibrary(List)} actually looks for in each directory. */
    static String loaderFileName() {
        return Environment.getJniLibraryFileName("rocksdbjni");
    }

    /**
     * Extracts this platform's library from the rocksdbjni jar into {@code dir} (created if
     * missing), atomically, with its stamp; does nothing when an up-to-date copy is there.
     *
     * @return the library file
     */
    public static Path extractTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(fileName());
        if (isCurrent(dir)) {
            return target;
        }
        Path tmp = Files.createTempFile(dir, fileName(), ".tmp");
        Path stampTmp = null;
        try {
            try (InputStream in = resource().openStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            // Installed by root, loaded by whichever user runs the daemon.
            Files.setPosixFilePermissions(tmp, READABLE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            stampTmp = Files.createTempFile(dir, fileName(), ".stamp.tmp");
            Files.writeString(stampTmp, jarStamp(), StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(stampTmp, READABLE);
            linkLoaderName(dir);
            Files.move(stampTmp, dir.resolve(fileName() + STAMP_SUFFIX),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
            if (stampTmp != null) {
                Files.deleteIfExists(stampTmp);
            }
        }
        return target;
    }

    private static void linkLoaderName(Path dir) throws IOException {
        if (loaderFileName().equals(fileName())) {
            return;
        }
        Path link = dir.resolve(loaderFileName());
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(fileName()));
    }

    /** Install-time entry point: {@code RocksNativeLibrary <dir>} extracts the library into dir. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: " + RocksNativeLibrary.class.getName() + " <dir>");
            System.exit(2);
        }
        System.out.println(extractTo(Path.of(args[0])).toAbsolutePath());
    }

    /** Whether {@code dir} holds a library whose stamp matches the jar on the class path. */
    static boolean isCurrent(Path dir) {
        Path library = dir.resolve(fileName());
        Path stamp = dir.resolve(fileName() + STAMP_SUFFIX);
        try {
            return Files.isRegularFile(library) && Files.isRegularFile(stamp)
                    && Files.isRegularFile(dir.resolve(loaderFileName()))
                    && Files.readString(stamp, StandardCharsets.US_ASCII).equals(jarStamp())
                    && Files.size(library) == Long.parseLong(jarStamp().split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code "<size> <crc32 hex>"} of the jar entry, from the jar's directory. */
    static String jarStamp() throws IOException {
        URLConnection connection = resource().openConnection();
        if (connection instanceof JarURLConnection jar) {
            var entry = jar.getJarEntry();
            return entry.getSize() + " " + Long.toHexString(entry.getCrc());
        }
        // Exploded class path (an IDE): no CRC at hand, the size has to do.
        return connection.getContentLengthLong() + " -";
    }

    private static URL resource() {
        URL url = Environment.class.getClassLoader().getResource(fileName());
        if (url == null) {
            throw new UncheckedIOException(new IOException(
                    "no " + fileName() + " in the rocksdbjni jar: this platform is not supported"));
        }
        return url;
    }
}
