package io.cairn.engine.runtime.spec;

import io.cairn.api.InvalidArgumentException;
import java.util.List;
import java.util.Locale;

/** Linux signal names and numbers (x86 and arm numbering), as {@code StopSignal} and {@code kill -s} take them. */
public final class Signals {

    /** Names by number, index = signal number; index 0 unused. */
    private static final List<String> NAMES = List.of("",
            "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL",
            "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD",
            "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ",
            "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS");
    private static final int SIGRTMIN = 34;
    private static final int SIGRTMAX = 64;

    private Signals() {
    }

    /**
     * The signal's number: {@code SIGTERM}, {@code term}, {@code 15}, {@code SIGRTMIN+3} are accepted.
     *
     * @throws InvalidArgumentException naming the text when it is no signal
     */
    public static int number(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
            int n = t.length() > 3 ? -1 : Integer.parseInt(t);
            if (n >= 1 && n <= SIGRTMAX) {
                return n;
            }
            throw new InvalidArgumentException("invalid signal \"" + text + "\": numbers run from 1 to " + SIGRTMAX);
        }
        String name = t.startsWith("SIG") ? t : "SIG" + t;
        int i = NAMES.indexOf(name);
        if (i > 0) {
            return i;
        }
        if (name.equals("SIGIOT")) {
            return 6;
        }
        if (name.equals("SIGPOLL")) {
            return 29;
        }
        if (name.startsWith("SIGRTMIN") || name.startsWith("SIGRTMAX")) {
            String rest = name.substring(8);
            int off = rest.isEmpty() ? 0 : parseOffset(rest, text);
            int n = name.startsWith("SIGRTMIN") ? SIGRTMIN + off : SIGRTMAX + off;
            if (n >= SIGRTMIN && n <= SIGRTMAX) {
                return n;
            }
        }
        throw new InvalidArgumentException("invalid signal \"" + text + "\"");
    }

    /** The canonical name of signal {@code n}: {@code SIGTERM}, or {@code SIGRTMIN+k} for real-time ones. */
    public static String name(int n) {
        if (n >= 1 && n < NAMES.size()) {
            return NAMES.get(n);
        }
        if (n >= SIGRTMIN && n <= SIGRTMAX) {
            return n == SIGRTMIN ? "SIGRTMIN" : "SIGRTMIN+" + (n - SIGRTMIN);
        }
        throw new InvalidArgumentException("invalid signal number " + n);
    }

    private static int parseOffset(String rest, String text) {
        try {
            return Integer.parseInt(rest);
        } catch (NumberFormatException e) {
            throw new InvalidArgumentException("invalid signal \"" + text + "\"");
        }
    }
}
