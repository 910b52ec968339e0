package io.cairn.engine.runtime.runc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@code /proc/PID/stat}: what a monitor outside our process tree needs, since the JDK's
 * {@code ProcessHandle} counts a zombie as alive (a reparented conmon stays a zombie until init reaps
 * it, and some inits never do).
 */
public final class ProcessTable {

    /** @param state one letter: R, S, D, Z, T, … */
    public record ProcStat(long pid, char state, long ppid, long sessionId) {
        public boolean zombie() {
            return state == 'Z' || state == 'X';
        }
    }

    private ProcessTable() {
    }

    public static Optional<ProcStat> stat(long pid) throws IOException {
        String s;
        try {
            s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        // pid (comm) state ppid pgrp session …; comm may hold spaces and parentheses.
        String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
        return Optional.of(new ProcStat(pid, f[0].charAt(0), Long.parseLong(f[1]), Long.parseLong(f[3])));
    }

    /** Whether {@code pid} exists and is not a zombie. */
    public static boolean live(long pid) throws IOException {
        return stat(pid).map(p -> !p.zombie()).orElse(false);
    }

    /** The process's command line, arguments split at NUL; empty for zombies and gone processes. */
    public static java.util.List<String> cmdline(long pid) throws IOException {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String s = new String(b, StandardCharsets.UTF_8);
            return s.isEmpty() ? java.util.List.of() : java.util.List.of(s.split("\0"));
        } catch (IOException e) {
            // NoSuchFile: gone; ESRCH: it exited while its cmdline was read
            return java.util.List.of();
        }
    }
}
