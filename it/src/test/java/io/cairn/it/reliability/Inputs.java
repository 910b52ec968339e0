package io.cairn.it.reliability;

import io.cairn.it.Cairn;
import io.cairn.it.Exec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/** Inputs of the reliability ITs: the busybox base, small random root filesystems, build contexts. */
public final class Inputs {

    private Inputs() {
    }

    /** The deterministic busybox rootfs tar ({@code scripts/make-busybox-rootfs.sh}) at {@code out}. */
    public static Path busybox(Path out) throws Exception {
        Exec.run(List.of(Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(), out.toString())).ok();
        return out;
    }

    /**
     * A root filesystem tar at {@code out} with one directory and one file of {@code size} bytes
     * drawn from {@code random}: each call makes a distinct image (content-addressed, so a repeated
     * tar would make the same one).
     */
    public static Path randomRootfs(Path out, Random random, int size) throws IOException {
        byte[] data = new byte[size];
        random.nextBytes(data);
        try (OutputStream o = Files.newOutputStream(out)) {
            o.write(header("data/", '5', 0, 0755));
            o.write(header("data/blob", '0', size, 0644));
            o.write(data);
            o.write(new byte[(512 - size % 512) % 512]);
            o.write(new byte[1024]);
        }
        return out;
    }

    /** A ustar header. */
    private static byte[] header(String name, char type, long size, int mode) {
        byte[] h = new byte[512];
        put(h, 0, 100, name);
        put(h, 100, 8, String.format("%07o", mode));
        put(h, 108, 8, "0000000");
        put(h, 116, 8, "0000000");
        put(h, 124, 12, String.format("%011o", size));
        put(h, 136, 12, String.format("%011o", 0));
        h[156] = (byte) type;
        put(h, 257, 6, "ustar");
        put(h, 263, 2, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        put(h, 148, 8, String.format("%06o", sum) + "\0 ");
        return h;
    }

    private static void put(byte[] h, int offset, int length, String value) {
        byte[] b = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, h, offset, Math.min(b.length, length));
    }

    /** Writes a build context in {@code dir}: a file {@code f} of {@code size} random bytes. */
    public static Path context(Path dir, Random random, int size) throws IOException {
        Files.createDirectories(dir);
        byte[] data = new byte[size];
        random.nextBytes(data);
        Files.write(dir.resolve("f"), data);
        return dir;
    }
}
