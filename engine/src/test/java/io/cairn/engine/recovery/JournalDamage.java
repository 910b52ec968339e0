package io.cairn.engine.recovery;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Damages a journal on disk the way a bad sector would: one byte of one entry's payload flipped. */
final class JournalDamage {

    private JournalDamage() {
    }

    /** Flips a byte of the first payload in {@code journal} that contains {@code marker}. */
    static void flipByteOf(Path journal, String marker) throws IOException {
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        List<Path> files;
        try (Stream<Path> list = Files.list(journal)) {
            files = list.filter(p -> p.toString().endsWith(".cq4")).sorted().toList();
        }
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            int at = indexOf(content, needle);
            if (at >= 0) {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.seek(at);
                    raf.write(content[at] ^ 0x20);
                }
                return;
            }
        }
        throw new AssertionError("no journal entry in " + journal + " contains " + marker);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
