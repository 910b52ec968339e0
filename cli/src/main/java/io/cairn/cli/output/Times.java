package io.cairn.cli.output;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's time arguments ({@code --since}, {@code --until}): RFC 3339 (with or without zone, or a
 * date alone), a Unix time with an optional fraction, or a Go duration like {@code 10m} or
 * {@code 1h30m} meaning that long ago.
 */
public final class Times {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private Times() {
    }

    /** The instant as Docker's API wants it: Unix seconds with a nanosecond fraction. */
    public static String toApi(String flag, String value, Instant now) {
        Instant t = parse(flag, value, now);
        return BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9)).toPlainString();
    }

    public static Instant parse(String flag, String value, Instant now) {
        String v = value.trim();
        if (v.matches("\\d+(\\.\\d+)?")) {
            BigDecimal seconds = new BigDecimal(v);
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        Duration ago = duration(v);
        if (ago != null) {
            return now.minus(ago);
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            // try the forms without a zone: UTC, as Docker takes them
        }
        for (String suffix : new String[] {"Z", ":00Z", "T00:00:00Z"}) {
            try {
                return OffsetDateTime.parse(v + suffix).toInstant();
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        throw new IllegalArgumentException(flag + ": cannot parse \"" + value
                + "\" as an RFC 3339 time, a Unix time or a duration such as 10m");
    }

    private static Duration duration(String v) {
        Matcher m = DURATION.matcher(v);
        int at = 0;
        Duration total = Duration.ZERO;
        while (m.find() && m.start() == at) {
            BigDecimal n = new BigDecimal(m.group(1));
            long nanos = switch (m.group(2)) {
                case "ns" -> n.longValue();
                case "us", "µs" -> n.movePointRight(3).longValue();
                case "ms" -> n.movePointRight(6).longValue();
                case "s" -> n.movePointRight(9).longValue();
                case "m" -> n.multiply(BigDecimal.valueOf(60)).movePointRight(9).longValue();
                default -> n.multiply(BigDecimal.valueOf(3600)).movePointRight(9).longValue();
            };
            total = total.plusNanos(nanos);
            at = m.end();
        }
        return at == v.length() && at > 0 ? total : null;
    }
}
