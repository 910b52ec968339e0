package io.cairn.cli.output;

/** Sizes and times as Docker prints them. */
public final class Units {

    private static final String[] DECIMAL = {"B", "kB", "MB", "GB", "TB", "PB"};
    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Units() {
    }

    /** Docker's HumanSize: decimal units, 3 significant digits ({@code 1.5kB}, {@code 0B}). */
    public static String humanSize(long bytes) {
        return scaled(bytes, 1000.0, DECIMAL);
    }

    /** Binary units ({@code 23.4GiB}), as {@code docker info} prints memory. */
    public static String binarySize(long bytes) {
        return scaled(bytes, 1024.0, BINARY);
    }

    /** Docker's "2 minutes ago" for a Unix time. */
    public static String ago(long epochSeconds, long nowSeconds) {
        if (epochSeconds <= 0) {
            return "N/A";
        }
        return humanDuration(Math.max(0, nowSeconds - epochSeconds)) + " ago";
    }

    /** Go's units.HumanDuration. */
    public static String humanDuration(long seconds) {
        return io.cairn.api.HumanDuration.of(seconds);
    }

    private static String scaled(long bytes, double base, String[] units) {
        double value = bytes;
        int unit = 0;
        while (value >= base && unit < units.length - 1) {
            value /= base;
            unit++;
        }
        String number = new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros()
                .toPlainString();
        return number + units[unit];
    }
}
