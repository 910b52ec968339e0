package io.cairn.dockerfile.dockerignore;

import java.util.ArrayDeque;
import java.util.Deque;

/** Lexical path cleaning with Go's {@code path.Clean} rules, on {@code /}-separated paths. */
public final class Paths {

    private Paths() {
    }

    /**
     * The shortest equivalent path: repeated slashes collapsed, {@code .} removed, {@code ..}
     * applied lexically (never above {@code /} for a rooted path), no trailing slash;
     * {@code "."} for an empty result.
     */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        Deque<String> parts = new ArrayDeque<>();
        int i = 0;
        int n = path.length();
        while (i < n) {
            while (i < n && path.charAt(i) == '/') {
                i++;
            }
            int s = i;
            while (i < n && path.charAt(i) != '/') {
                i++;
            }
            if (s == i) {
                break;
            }
            String part = path.substring(s, i);
            if (part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.addLast("..");
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** {@code path} relative to a context root: cleaned as if rooted at {@code /}, then without the {@code /}. */
    public static String inContext(String path) {
        String c = clean("/" + path);
        return c.equals("/") ? "." : c.substring(1);
    }
}
