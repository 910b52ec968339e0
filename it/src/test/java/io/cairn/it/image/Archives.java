package io.cairn.it.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Reading and rewriting whole (small) tar archives in tests. */
final class Archives {

    private Archives() {
    }

    /** Every regular file of the archive, by entry name, in archive order. */
    static Map<String, byte[]> files(Path archive) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream raw = Files.newInputStream(archive); TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isFile()) {
                    files.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        return files;
    }

    static String text(Path archive, String name) throws IOException {
        byte[] bytes = files(archive).get(name);
        if (bytes == null) {
            throw new AssertionError(archive + " has no entry " + name);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Copies {@code in} to {@code out}, passing the content of entry {@code name} through {@code change}. */
    static void rewrite(Path in, Path out, String name, UnaryOperator<byte[]> change) throws IOException {
        boolean found = false;
        try (InputStream raw = Files.newInputStream(in); TarArchiveInputStream tar = new TarArchiveInputStream(raw);
             OutputStream sink = Files.newOutputStream(out); TarArchiveOutputStream writer = new TarArchiveOutputStream(sink)) {
            writer.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                byte[] content = tar.readAllBytes();
                if (e.getName().equals(name)) {
                    content = change.apply(content);
                    found = true;
                }
                e.setSize(content.length);
                writer.putArchiveEntry(e);
                writer.write(content);
                writer.closeArchiveEntry();
            }
        }
        if (!found) {
            throw new AssertionError(in + " has no entry " + name);
        }
    }

    /** A copy of {@code bytes} with the byte in the middle inverted (same size, other digest). */
    static byte[] flipMiddleByte(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[copy.length / 2] ^= (byte) 0xff;
        return copy;
    }

    /** Writes a tar of the given regular files (name → content), in map order, as root-owned 0644 files. */
    static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey(), true);
                e.setSize(f.getValue().length);
                e.setMode(0100644);
                e.setModTime(0);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
