package io.cairn.bench.layer;

import io.cairn.storage.layer.tar.TarEntry;
import io.cairn.storage.layer.tar.TarType;
import io.cairn.storage.layer.tar.TarWriter;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/**
 * A reproducible layer tar of many files: sizes log-uniform between 100 B and 100 KB (the shape
 * of a distribution's /usr), 25 files per directory, random (incompressible) content, seed 42.
 */
final class LayerTarFixture {
    private LayerTarFixture() {
    }

    /** Writes a tar of at least {@code targetBytes} of file content; returns the number of files. */
    static int write(Path tar, long targetBytes) throws IOException {
        Random random = new Random(42);
        byte[] content = new byte[100_000];
        random.nextBytes(content);
        long total = 0;
        int files = 0;
        long mtime = 1_700_000_000L;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 16)) {
            TarWriter w = new TarWriter(out);
            int dir = -1;
            while (total < targetBytes) {
                if (files % 25 == 0) {
                    dir++;
                    w.write(new TarEntry("usr/share/d" + dir + "/", TarType.DIRECTORY, 0755, 0, 0, 0, mtime, 0, "", 0,
                            0, Map.of()));
                }
                int size = (int) Math.exp(Math.log(100) + random.nextDouble() * (Math.log(100_000) - Math.log(100)));
                int offset = random.nextInt(content.length - size + 1);
                w.write(new TarEntry("usr/share/d" + dir + "/file-" + files, TarType.REGULAR, 0644, 0, 0, size, mtime,
                        0, "", 0, 0, Map.of()), new ByteArrayInputStream(content, offset, size));
                total += size;
                files++;
            }
            w.finish();
        }
        return files;
    }
}
