package io.cairn.engine.snapshot;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a snapshot is: the index as it was after journal entry {@code index}, whose state digest is
 * {@code digest}, taken at {@code taken}. {@code entryCrc} is the stored CRC32C of journal entry
 * {@code index}: a snapshot is used only over a journal whose entry {@code index} is that very entry
 * (a journal cut back by a repair and written again is another history).
 *
 * <p>On disk, {@value #FILE}: four lines of ASCII, {@code cairn-snapshot 1}, {@code index N},
 * {@code entry-crc XXXXXXXX}, {@code digest sha256:HEX}, {@code taken ISO-8601}. Anything else --
 * another line, a symbolic link, more than {@value #MAX_BYTES} bytes -- is refused, naming the file.
 */
public record SnapshotManifest(long index, String entryCrc, String digest, Instant taken) {

    /** The manifest's name in a snapshot's directory. */
    public static final String FILE = "manifest";
    static final int MAX_BYTES = 4096;
    private static final String MAGIC = "cairn-snapshot 1";
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern CRC = Pattern.compile("[0-9a-f]{8}");

    public SnapshotManifest {
        if (index < 1) {
            throw new IllegalArgumentException("a snapshot is at a journal entry >= 1, not " + index);
        }
        if (!CRC.matcher(entryCrc).matches() || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException("malformed snapshot crc " + entryCrc + " or digest " + digest);
        }
    }

    String text() {
        return MAGIC + "\nindex " + index + "\nentry-crc " + entryCrc + "\ndigest " + digest + "\ntaken " + taken + "\n";
    }

    /**
     * Reads the manifest in {@code dir}.
     *
     * @throws Refusal naming the file when it is missing, not a regular file, too
     *                                  large or malformed
     */
    static SnapshotManifest read(Path dir) {
        Path file = dir.resolve(FILE);
        byte[] bytes;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                throw new Refusal(file, "is not a regular file");
            }
            if (a.size() > MAX_BYTES) {
                throw new Refusal(file, "is " + a.size() + " bytes, more than a manifest's " + MAX_BYTES);
            }
            try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buf = ByteBuffer.allocate(MAX_BYTES + 1);
                while (buf.hasRemaining() && ch.read(buf) >= 0) {
                    // read to the end or one byte past the limit
                }
                if (!buf.hasRemaining()) {
                    throw new Refusal(file, "grew past " + MAX_BYTES + " bytes while read");
                }
                bytes = java.util.Arrays.copyOf(buf.array(), buf.position());
            }
        } catch (IOException e) {
            throw new Refusal(file, "cannot be read: " + e);
        }
        List<String> lines = List.of(new String(bytes, StandardCharsets.US_ASCII).split("\n", -1));
        if (lines.size() != 6 || !lines.get(0).equals(MAGIC) || !lines.get(5).isEmpty()
                || !lines.get(1).startsWith("index ") || !lines.get(2).startsWith("entry-crc ")
                || !lines.get(3).startsWith("digest ") || !lines.get(4).startsWith("taken ")) {
            throw new Refusal(file, "is not a Cairn snapshot manifest (" + MAGIC + ")");
        }
        try {
            return new SnapshotManifest(Long.parseLong(lines.get(1).substring(6)), lines.get(2).substring(10),
                    lines.get(3).substring(7), Instant.parse(lines.get(4).substring(6)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new Refusal(file, "is malformed: " + e.getMessage());
        }
    }
}
