package io.cairn.engine.runtime.runc;

import io.cairn.engine.runtime.Busybox;
import io.cairn.engine.runtime.OciConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Not a test: measures create + start + wait of {@code true} through the driver, in one warm JVM,
 * against {@code runc run} of the same bundle started from the same JVM. Arguments: WORKDIR [N].
 * Prints median and p90 of each, in milliseconds. Run as root (see the report for the command).
 */
public final class CreateStartWaitLatency {
    private CreateStartWaitLatency() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args[0]));
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path bundle = work.resolve("bundle");
        if (!Files.exists(bundle.resolve("rootfs/bin/busybox"))) {
            Busybox.unpack(bundle.resolve("rootfs"));
        }
        OciConfig.write(bundle, bundle.resolve("rootfs"), List.of("true"));
        ConmonRuncRuntime rt = new ConmonRuncRuntime(RuncOptions.defaults(work.resolve("root")));
        Path runcRoot = work.resolve("raw-runc");
        int warm = 10;
        double[] driver = new double[n];
        double[] creates = new double[n];
        double[] starts = new double[n];
        double[] deletes = new double[n];
        double[] raw = new double[n];
        for (int i = -warm; i < n; i++) {
            String id = "lat" + (i + warm);
            long t0 = System.nanoTime();
            rt.create(id, bundle, work.resolve("logs/" + id + ".log"));
            long tc = System.nanoTime();
            rt.start(id);
            long ts = System.nanoTime();
            int code = rt.awaitExit(id, Duration.ofSeconds(10)).orElseThrow();
            long t1 = System.nanoTime();
            rt.delete(id);
            long t2 = System.nanoTime();
            if (code != 0) {
                throw new IllegalStateException(id + " exited " + code);
            }
            Process p = new ProcessBuilder("runc", "--root", runcRoot.toString(), "run", "-b", bundle.toString(), "raw" + id)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("runc run exited " + p.exitValue());
            }
            long t3 = System.nanoTime();
            if (i >= 0) {
                driver[i] = (t1 - t0) / 1e6;
                creates[i] = (tc - t0) / 1e6;
                starts[i] = (ts - tc) / 1e6;
                deletes[i] = (t2 - t1) / 1e6;
                raw[i] = (t3 - t2) / 1e6;
            }
        }
        System.out.printf("n=%d%n  driver create+start+wait: %s%n    of which create: %s, start: %s%n"
                + "  driver delete: %s%n  raw runc run: %s%n", n,
                stats(driver), stats(creates), stats(starts), stats(deletes), stats(raw));
    }

    private static String stats(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format("median %.1f ms, p90 %.1f ms", s[s.length / 2], s[(int) (s.length * 0.9)]);
    }
}
