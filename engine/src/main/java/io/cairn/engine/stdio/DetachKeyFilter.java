package io.cairn.engine.stdio;

/**
 * Watches one client's input for its detach keys (Docker's {@code --detach-keys}): bytes pass
 * through, except a complete key sequence, which ends the input there; a partial sequence is held
 * back until the next bytes show whether it was one (then dropped) or not (then passed on).
 * Attach and exec both use it. Not thread-safe: one reader thread per client.
 */
public final class DetachKeyFilter {

    /** The bytes to pass on, and whether the keys completed after them (the client detaches). */
    public record Chunk(byte[] data, int length, boolean detached) {
    }

    private final byte[] keys;
    private int matched;

    /** @param keys the sequence ({@code io.cairn.api.DetachKeys#parse}); empty never detaches */
    public DetachKeyFilter(byte[] keys) {
        this.keys = keys.clone();
    }

    /** Filters {@code n} bytes the client sent. */
    public Chunk filter(byte[] in, int n) {
        byte[] out = new byte[n + matched];
        int len = 0;
        for (int i = 0; i < n; i++) {
            byte b = in[i];
            if (keys.length > 0 && b == keys[matched]) {
                if (++matched == keys.length) {
                    matched = 0;
                    return new Chunk(out, len, true);
                }
                continue;
            }
            for (int k = 0; k < matched; k++) {
                out[len++] = keys[k]; // a prefix that was not the sequence after all
            }
            matched = 0;
            if (keys.length > 1 && b == keys[0]) {
                matched = 1; // the byte that broke the prefix may start the sequence again
                continue;
            }
            out[len++] = b;
        }
        return new Chunk(out, len, false);
    }
}
