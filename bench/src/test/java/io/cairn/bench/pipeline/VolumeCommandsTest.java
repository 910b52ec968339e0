package io.cairn.bench.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.NotFoundException;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's commands decide as VolumeService does, with or without the directory effect. */
class VolumeCommandsTest {

    @TempDir
    Path volumes;

    private static StateReader state(Map<String, byte[]> volumes) {
        return new StateReader() {
            @Override
            public byte[] get(String family, String key) {
                return Families.VOLUMES.equals(family) ? volumes.get(key) : null;
            }

            @Override
            public void scan(String family, String prefix, Visitor visitor) {
                throw new UnsupportedOperationException("not used by volume commands");
            }
        };
    }

    @Test
    void createJournalsVolumeCreatedAndItsEffectMakesTheDirectory() throws Exception {
        Decision<Void> d = new VolumeCommands(volumes, Effects.DIRECTORY).create("v1").decide(state(Map.of()));
        assertEquals(List.of(new VolumeCreated("v1", "local", volumes.resolve("v1").toString(), Map.of(), Map.of())),
                d.events());
        assertEquals("volume:v1", d.effect().key());
        d.effect().action().run();
        assertTrue(Files.isDirectory(volumes.resolve("v1")));
    }

    @Test
    void createOfAnExistingVolumeJournalsNothing() {
        Decision<Void> d = new VolumeCommands(volumes, Effects.DIRECTORY).create("v1")
                .decide(state(Map.of("v1", new byte[] {'{', '}'})));
        assertTrue(d.events().isEmpty());
        assertNull(d.effect());
    }

    @Test
    void withoutEffectsNoDirectoryIsTouched() {
        Decision<Void> d = new VolumeCommands(volumes, Effects.NONE).create("v1").decide(state(Map.of()));
        assertEquals(1, d.events().size());
        assertNull(d.effect());
        assertFalse(Files.exists(volumes.resolve("v1")));
    }

    @Test
    void removeJournalsVolumeRemovedAndItsEffectDeletesTheDirectory() throws Exception {
        Files.createDirectories(volumes.resolve("v1").resolve("data"));
        Decision<Void> d = new VolumeCommands(volumes, Effects.DIRECTORY).remove("v1")
                .decide(state(Map.of("v1", new byte[] {'{', '}'})));
        assertEquals(List.of(new VolumeRemoved("v1")), d.events());
        d.effect().action().run();
        assertFalse(Files.exists(volumes.resolve("v1")));
    }

    @Test
    void removeOfAMissingVolumeIsNotFoundNamingIt() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> new VolumeCommands(volumes, Effects.NONE).remove("gone").decide(state(Map.of())));
        assertTrue(e.getMessage().contains("gone"), e.getMessage());
    }
}
