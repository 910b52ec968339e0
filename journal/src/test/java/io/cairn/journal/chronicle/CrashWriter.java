package io.cairn.journal.chronicle;

import io.cairn.journal.Durability;

import java.nio.file.Path;
import java.util.Random;

/**
 * The child process of {@link CrashTest}: appends batches forever and prints {@code ack N} after
 * each flush, N being the last index of the batch. Everything printed is acknowledged, so it must
 * survive the SIGKILL that ends this process.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    /** The payload of entry {@code index}: mostly ~100 bytes, one in four 64 KiB+ (slow to write, so often torn). */
    static byte[] payload(long index) {
        Random random = new Random(index * 0x9E3779B97F4A7C15L);
        int length = random.nextInt(4) == 0 ? (64 << 10) + random.nextInt(4096) : 80 + random.nextInt(40);
        byte[] payload = new byte[length];
        random.nextBytes(payload);
        return payload;
    }

    static long append(ChronicleJournal journal, long index) {
        return journal.append("crash.test", 1, index, 0, payload(index));
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Durability durability = Durability.valueOf(args[1]);
        Random random = new Random(Long.parseLong(args[2]));
        long deadline = System.nanoTime() + 120_000_000_000L; // never outlive a broken parent for long
        try (ChronicleJournal journal = ChronicleJournal.open(dir, durability)) {
            System.out.println("ready " + journal.lastIndex());
            System.out.flush();
            while (System.nanoTime() < deadline) {
                int batch = 1 + random.nextInt(20);
                long last = 0;
                for (int i = 0; i < batch; i++) {
                    long expected = journal.lastIndex() + 1;
                    last = append(journal, expected);
                    if (last != expected) {
                        throw new IllegalStateException("append returned " + last + ", expected " + expected);
                    }
                }
                journal.flush();
                System.out.println("ack " + last);
                System.out.flush();
            }
        }
    }
}
