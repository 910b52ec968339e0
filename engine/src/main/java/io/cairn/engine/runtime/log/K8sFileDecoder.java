package io.cairn.engine.runtime.log;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes conmon's {@code k8s-file} log format, one line at a time: {@code TIME STREAM TAG TEXT},
 * where TIME is RFC 3339 with nanoseconds, STREAM {@code stdout} or {@code stderr}, and TAG {@code F}
 * for a full line or {@code P} for a piece of a line conmon had to split (the rest follows in later
 * records of the same stream). Pieces are joined as bytes, so a multi-byte character split between
 * two records comes out whole.
 *
 * <p>Memory is bounded whatever the container prints: a line longer than {@link #MAX_ENTRY} bytes
 * comes out as several entries, all but the last incomplete, as Docker's log drivers split a line at
 * 16 KiB into partial messages; their concatenation is the line's bytes (cuts fall between UTF-8
 * characters). Not thread-safe: one decoder per reader.
 */
final class K8sFileDecoder {
    /** Docker's split size for log messages (dockerd's stdout copier buffer). */
    static final int MAX_ENTRY = 16 * 1024;

    private final Map<LogStream, Pending> pending = new EnumMap<>(LogStream.class);
    private final int flushAt;
    private final Consumer<LogEntry> out;

    /** The bytes of a stream's line not delivered yet, and when its first piece was logged. */
    private static final class Pending {
        Instant first;
        byte[] bytes = new byte[256];
        int size;

        void append(byte[] buf, int from, int to) {
            int n = to - from;
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + n, bytes.length * 2));
            }
            System.arraycopy(buf, from, bytes, size, n);
            size += n;
        }

        /** Removes and returns the first {@code n} bytes as text. */
        String take(int n) {
            String text = new String(bytes, 0, n, StandardCharsets.UTF_8);
            System.arraycopy(bytes, n, bytes, 0, size - n);
            size -= n;
            return text;
        }
    }

    /**
     * @param fragments deliver pieces as they come (incomplete entries, for following) instead of
     *                  joining them into lines of up to {@link #MAX_ENTRY} bytes
     */
    K8sFileDecoder(boolean fragments, Consumer<LogEntry> out) {
        this.flushAt = fragments ? 1 : MAX_ENTRY;
        this.out = out;
    }

    /** Decodes one record (the bytes between two newlines, without them). */
    void line(byte[] buf, int from, int to, String where) {
        int s1 = indexOf(buf, from, to, (byte) ' ');
        int s2 = s1 < 0 ? -1 : indexOf(buf, s1 + 1, to, (byte) ' ');
        int s3 = s2 < 0 ? -1 : indexOf(buf, s2 + 1, to, (byte) ' ');
        int tagEnd = s3 < 0 ? to : s3; // an empty full line is "TIME STREAM F" with no space after F
        if (s2 < 0 || tagEnd - s2 != 2) {
            throw new IllegalArgumentException("not a k8s-file log record at " + where + ": "
                    + new String(buf, from, Math.min(to - from, 120), StandardCharsets.UTF_8));
        }
        Instant time;
        LogStream stream;
        try {
            time = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(ascii(buf, from, s1), Instant::from);
            stream = LogStream.parse(ascii(buf, s1 + 1, s2));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("bad k8s-file log record at " + where + ": " + e.getMessage(), e);
        }
        byte tag = buf[s2 + 1];
        if (tag != 'P' && tag != 'F') {
            throw new IllegalArgumentException("bad k8s-file tag '" + (char) tag + "' at " + where);
        }
        int textFrom = s3 < 0 ? to : s3 + 1;
        Pending p = pending.computeIfAbsent(stream, k -> new Pending());
        if (p.size == 0) {
            p.first = time;
        }
        p.append(buf, textFrom, to);
        boolean full = tag == 'F'; // a full line's last piece (up to MAX_ENTRY bytes) is its complete entry
        while (full ? p.size > MAX_ENTRY : p.size >= flushAt) {
            int cut = characterBoundary(p.bytes, Math.min(p.size, MAX_ENTRY));
            if (cut == 0) {
                break; // only the start of a character so far: the rest comes with the next piece
            }
            out.accept(new LogEntry(p.first, stream, p.take(cut), false));
            p.first = time;
        }
        if (tag == 'F') {
            out.accept(new LogEntry(p.first, stream, p.take(p.size), true));
        }
    }

    /**
     * At the end of the log: a line whose newline never came (the container died mid-line) is
     * emitted as it is, still incomplete, so that no newline is added to what the container wrote.
     */
    void finish() {
        for (Map.Entry<LogStream, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (p.size > 0) {
                out.accept(new LogEntry(p.first, e.getKey(), p.take(p.size), false));
            }
        }
    }

    /**
     * The largest cut at or before {@code end} that does not split a UTF-8 sequence: a cut before a
     * continuation byte moves back to its lead byte (at most three bytes; invalid UTF-8 is cut as is).
     */
    static int characterBoundary(byte[] bytes, int end) {
        for (int cut = end, back = 0; cut > 0 && back < 4; cut--, back++) {
            int b = bytes[cut - 1] & 0xff;
            if (b < 0x80) {
                return end; // ASCII before the cut: nothing is split
            }
            if (b >= 0xc0) { // the lead byte of the last sequence: complete if all its bytes are there
                int length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
                return cut - 1 + length <= end ? end : cut - 1;
            }
        }
        return end;
    }

    private static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.US_ASCII);
    }
}
