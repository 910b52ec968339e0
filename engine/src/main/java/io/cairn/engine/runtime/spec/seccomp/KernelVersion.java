package io.cairn.engine.runtime.spec.seccomp;

/** Compares kernel releases by their leading numbers: {@code 6.18.44-fc} vs {@code 4.8}. */
final class KernelVersion {

    private KernelVersion() {
    }

    /** Negative, zero or positive as {@code a} is older than, the same as, or newer than {@code b}. */
    static int compare(String a, String b) {
        int[] x = numbers(a);
        int[] y = numbers(b);
        for (int i = 0; i < 3; i++) {
            if (x[i] != y[i]) {
                return Integer.compare(x[i], y[i]);
            }
        }
        return 0;
    }

    private static int[] numbers(String release) {
        int[] out = new int[3];
        String[] parts = release.split("[^0-9]", -1);
        int n = 0;
        int pos = 0;
        for (String p : parts) {
            // Only the leading dotted numbers count: stop at the first non-dot separator ("-", "+").
            if (n == 3) {
                break;
            }
            if (p.isEmpty()) {
                break;
            }
            out[n++] = Integer.parseInt(p.length() > 9 ? p.substring(0, 9) : p);
            pos += p.length();
            if (pos >= release.length() || release.charAt(pos) != '.') {
                break;
            }
            pos++;
        }
        return out;
    }
}
