package io.cairn.bench.pipeline;

import io.cairn.api.NotFoundException;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.pipeline.Command;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.state.Families;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Benchmark-local volume commands that decide as {@code VolumeService} does (read the volume's
 * record, then journal {@link VolumeCreated} or {@link VolumeRemoved}), so that submitting them
 * asynchronously measures the engine's pipeline rather than one blocking caller per thread.
 * With {@link Effects#DIRECTORY} the decision carries the same directory effect as the engine's;
 * with {@link Effects#NONE} it carries none.
 */
final class VolumeCommands {

    private final Path volumesDir;
    private final Effects effects;

    VolumeCommands(Path volumesDir, Effects effects) {
        this.volumesDir = volumesDir;
        this.effects = effects;
    }

    /** Creates volume {@code name}; an existing volume is returned unchanged, as in Docker. */
    Command<Void> create(String name) {
        Path dir = volumesDir.resolve(name);
        String mountpoint = dir.toString();
        return state -> {
            if (state.get(Families.VOLUMES, name) != null) {
                return Decision.of(null);
            }
            Decision<Void> decision = Decision.of(null, new VolumeCreated(name, "local", mountpoint, Map.of(), Map.of()));
            return effects == Effects.DIRECTORY
                    ? decision.then("volume:" + name, () -> Files.createDirectories(dir))
                    : decision;
        };
    }

    /** Removes volume {@code name}; a missing one is a {@link NotFoundException} naming it. */
    Command<Void> remove(String name) {
        Path dir = volumesDir.resolve(name);
        return state -> {
            if (state.get(Families.VOLUMES, name) == null) {
                throw new NotFoundException("get " + name + ": no such volume");
            }
            Decision<Void> decision = Decision.of(null, new VolumeRemoved(name));
            return effects == Effects.DIRECTORY ? decision.then("volume:" + name, () -> Trees.delete(dir)) : decision;
        };
    }
}
