package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * An image of 200 layers (Docker stops at 128) loads and runs: the overlay gets its lower layers
 * one by one through the new mount API, whatever the length of their paths.
 */
class DeepImageIT {

    private static final int LAYERS = 200;

    @Test
    void twoHundredLayersRun() throws Exception {
        try (Cairn cairn = new Cairn()) {
            Path work = Files.createTempDirectory("cairn-deep");
            try {
                Path busybox = work.resolve("busybox.tar");
                assertEquals(0, Exec.run(List.of(Cairn.HOME.resolve("scripts/make-busybox-rootfs.sh").toString(),
                        busybox.toString()), Map.of()).exit());
                List<byte[]> layers = new ArrayList<>();
                layers.add(Files.readAllBytes(busybox));
                for (int i = 1; i < LAYERS; i++) {
                    layers.add(tar(Map.of("layers/" + i, ("layer " + i + "\n").getBytes(StandardCharsets.UTF_8))));
                }
                Path archive = work.resolve("deep.tar");
                DockerArchive.write(archive, "deep:latest", "{\"Cmd\":[\"/bin/sh\"]}", layers);
                Exec.Result load = cairn.run("load", "-i", archive.toString());
                assertEquals(0, load.exit(), load.toString());
                Exec.Result run = cairn.run("run", "--rm", "deep", "sh", "-c", "cat /layers/1 /layers/199; ls /layers | wc -l");
                assertEquals(0, run.exit(), run.toString());
                assertEquals(List.of("layer 1", "layer 199", String.valueOf(LAYERS - 1)),
                        run.lines().stream().map(String::trim).toList());
                List<String> mounts = Files.readAllLines(Path.of("/proc/mounts")).stream()
                        .filter(l -> l.contains(cairn.root().toString())).toList();
                assertEquals(List.of(), mounts);
            } finally {
                Scratch.delete(work);
            }
        }
    }

    private static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry dir = new TarArchiveEntry("layers/");
            dir.setMode(040755);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            for (var f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setSize(f.getValue().length);
                e.setMode(0100644);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
