package io.cairn.engine.build.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code --chmod} value: an octal mode ({@code 0755}) that replaces the permission bits, or a
 * symbolic one ({@code u+x,go-w}, chmod(1)'s grammar with {@code X}) applied to each entry's mode.
 */
public final class ModeChange {

    private static final Pattern CLAUSE = Pattern.compile("([ugoa]*)([-+=])([rwxXst]*)");

    private final Integer octal;
    private final List<String> clauses;

    private ModeChange(Integer octal, List<String> clauses) {
        this.octal = octal;
        this.clauses = clauses;
    }

    /**
     * Parses a {@code --chmod} value.
     *
     * @throws IllegalArgumentException naming the value when it is neither octal nor symbolic
     */
    public static ModeChange parse(String text) {
        if (text.matches("[0-7]{1,4}")) {
            return new ModeChange(Integer.parseInt(text, 8), List.of());
        }
        List<String> clauses = new ArrayList<>();
        for (String c : text.split(",", -1)) {
            if (!CLAUSE.matcher(c).matches()) {
                throw new IllegalArgumentException("invalid --chmod \"" + text + "\": expected an octal mode or u+x-style clauses");
            }
            clauses.add(c);
        }
        return new ModeChange(null, clauses);
    }

    /** The new permission bits of an entry whose bits are {@code mode}. */
    public int apply(int mode, boolean directory) {
        if (octal != null) {
            return octal;
        }
        int m = mode & 07777;
        for (String c : clauses) {
            Matcher x = CLAUSE.matcher(c);
            x.matches();
            String who = x.group(1).isEmpty() ? "a" : x.group(1);
            int mask = 0;
            for (char w : who.toCharArray()) {
                mask |= switch (w) {
                    case 'u' -> 04700;
                    case 'g' -> 02070;
                    case 'o' -> 01007;
                    default -> 07777;
                };
            }
            int bits = 0;
            for (char p : x.group(3).toCharArray()) {
                bits |= switch (p) {
                    case 'r' -> 0444;
                    case 'w' -> 0222;
                    case 'x' -> 0111;
                    case 'X' -> directory || (m & 0111) != 0 ? 0111 : 0;
                    case 's' -> 06000;
                    default -> 01000; // t
                };
            }
            bits &= mask;
            m = switch (x.group(2)) {
                case "+" -> m | bits;
                case "-" -> m & ~bits;
                default -> (m & ~mask) | bits;
            };
        }
        return m;
    }
}
