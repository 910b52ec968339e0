package io.cairn.engine.runtime.log;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Decodes conmon's {@code k8s-file} log format, one line at a time: {@code TIME STREAM TAG TEXT},
 * where TIME is RFC 3339 with nanoseconds, STREAM {@code stdout} or {@code stderr}, and TAG {@code F}
 * for a full line or {@code P} for a piece of a line conmon had to split (the rest follows in later
 * records of the same stream). Pieces are joined as bytes, so a multi-byte character split between
 * two records comes out whole. Not thread-safe: one decoder per reader.
 */
final class K8sFileDecoder {
    private final Map<LogStream, Pending> pending = new EnumMap<>(LogStream.class);
    private final boolean fragments;
    private final Consumer<LogEntry> out;

    private static final class Pending {
        Instant first;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    }

    /** @param fragments deliver P pieces as they come (incomplete entries) instead of joining them */
    K8sFileDecoder(boolean fragments, Consumer<LogEntry> out) {
        this.fragments = fragments;
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
        int textFrom = s3 < 0 ? to : s3 + 1;
        Pending p = pending.computeIfAbsent(stream, k -> new Pending());
        if (tag == 'P') {
            if (fragments) {
                out.accept(new LogEntry(time, stream, new String(buf, textFrom, to - textFrom, StandardCharsets.UTF_8), false));
                return;
            }
            if (p.bytes.size() == 0) {
                p.first = time;
            }
            p.bytes.write(buf, textFrom, to - textFrom);
        } else if (tag == 'F') {
            if (p.bytes.size() == 0) {
                out.accept(new LogEntry(time, stream, new String(buf, textFrom, to - textFrom, StandardCharsets.UTF_8), true));
            } else {
                p.bytes.write(buf, textFrom, to - textFrom);
                out.accept(new LogEntry(p.first, stream, p.bytes.toString(StandardCharsets.UTF_8), true));
                p.bytes.reset();
            }
        } else {
            throw new IllegalArgumentException("bad k8s-file tag '" + (char) tag + "' at " + where);
        }
    }

    /** At the end of the log: a line whose newline never came (the container died mid-line) is emitted as is. */
    void finish() {
        for (Map.Entry<LogStream, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (p.bytes.size() > 0) {
                out.accept(new LogEntry(p.first, e.getKey(), p.bytes.toString(StandardCharsets.UTF_8), true));
                p.bytes.reset();
            }
        }
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
