package io.cairn.engine.volume;

import io.cairn.api.ConflictException;
import io.cairn.api.Filters;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.api.Volume;
import io.cairn.api.VolumeCreateRequest;
import io.cairn.api.VolumePruneReport;
import io.cairn.engine.event.VolumeCreated;
import io.cairn.engine.event.VolumeRemoved;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.StateReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Named volumes with Docker's semantics: {@code create} of an existing name returns it, {@code rm} of
 * a volume in use is a conflict, {@code prune} removes unused anonymous volumes (all unused ones with
 * {@code all}). Each volume's directory is {@code <root>/volumes/NAME}, created and deleted by the
 * effect that follows the indexed event.
 */
public final class VolumeService {

    /** The label Docker puts on volumes a container created without a name. */
    public static final String ANONYMOUS_LABEL = "com.docker.volume.anonymous";
    public static final Set<String> LIST_FILTERS = Set.of("dangling", "driver", "label", "name");
    public static final Set<String> PRUNE_FILTERS = Set.of("label", "all");

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final Pipeline pipeline;
    private final StateReader state;
    private final Path volumesDir;
    private final VolumeDirectories directories;

    private final java.util.function.BiPredicate<StateReader, String> usage;

    /** @param usage whether a container mounts a volume (state, volume name) */
    public VolumeService(Pipeline pipeline, StateReader committed, Path volumesDir,
                         java.util.function.BiPredicate<StateReader, String> usage) {
        this.pipeline = pipeline;
        this.state = committed;
        this.volumesDir = volumesDir;
        this.directories = new VolumeDirectories(volumesDir);
        this.usage = usage;
    }

    public Volume create(VolumeCreateRequest request, int uid) {
        String driver = request.driver() == null || request.driver().isEmpty() ? "local" : request.driver();
        if (!driver.equals("local")) {
            throw new InvalidArgumentException("volume driver \"" + driver + "\": only the \"local\" driver is supported");
        }
        Map<String, String> options = request.driverOpts() == null ? Map.of() : request.driverOpts();
        if (!options.isEmpty()) {
            throw new InvalidArgumentException("driver option \"" + options.keySet().iterator().next()
                    + "\": the local driver of Cairn takes no options");
        }
        String name = request.name() == null || request.name().isEmpty()
                ? VolumeNames.random() : VolumeNames.check(request.name());
        Map<String, String> labels = request.labels() == null ? Map.of() : request.labels();
        String mountpoint = volumesDir.resolve(name).toString();
        VolumeRecord record = pipeline.execute(s -> {
            VolumeRecord existing = s.read(Families.VOLUMES, name, VolumeRecord.class);
            if (existing != null) {
                return Decision.of(existing); // Docker: creating an existing volume returns it
            }
            return Decision.<VolumeRecord>of(null, new VolumeCreated(name, driver, mountpoint, labels, options))
                    .then("volume:" + name, () -> directories.create(name));
        }, uid);
        return view(record != null ? record : state.read(Families.VOLUMES, name, VolumeRecord.class));
    }

    public Volume inspect(String name) {
        VolumeRecord record = state.read(Families.VOLUMES, name, VolumeRecord.class);
        if (record == null) {
            throw new NotFoundException("get " + name + ": no such volume");
        }
        return view(record);
    }

    public List<Volume> list(Filters filters) {
        filters.check(LIST_FILTERS);
        List<Volume> found = new ArrayList<>();
        for (VolumeRecord r : all(state)) {
            if (filters.anyOrAbsent("name", n -> r.name().contains(n))
                    && filters.anyOrAbsent("driver", d -> r.driver().equals(d))
                    && filters.labelsMatch("label", r.labels())
                    && filters.anyOrAbsent("dangling", d -> parseBool("dangling", d) == !inUse(r.name()))) {
                found.add(view(r));
            }
        }
        return found;
    }

    /** Removes a volume; with {@code force} a missing volume is not an error. */
    public void remove(String name, boolean force, int uid) {
        pipeline.execute(s -> {
            if (s.get(Families.VOLUMES, name) == null) {
                if (force) {
                    return Decision.of(null);
                }
                throw new NotFoundException("get " + name + ": no such volume");
            }
            if (usage.test(s, name)) {
                throw new ConflictException("remove " + name + ": volume is in use");
            }
            return Decision.of(null, new VolumeRemoved(name)).then("volume:" + name, () -> directories.delete(name));
        }, uid);
    }

    public VolumePruneReport prune(Filters filters, int uid) {
        filters.check(PRUNE_FILTERS);
        boolean all = filters.get("all").stream().anyMatch(v -> parseBool("all", v));
        List<String> candidates = new ArrayList<>();
        for (VolumeRecord r : all(state)) {
            if ((all || r.labels().containsKey(ANONYMOUS_LABEL)) && filters.labelsMatch("label", r.labels())
                    && !inUse(r.name())) {
                candidates.add(r.name());
            }
        }
        List<String> deleted = new ArrayList<>();
        long reclaimed = 0;
        for (String name : candidates) {
            long size = directories.size(name);
            try {
                remove(name, false, uid);
                deleted.add(name);
                reclaimed += size;
            } catch (NotFoundException | ConflictException raced) {
                // removed or taken into use since the listing: not ours to prune
            }
        }
        return new VolumePruneReport(deleted, reclaimed);
    }

    /** Makes every indexed volume's directory exist and removes directories no volume owns. */
    public List<String> reconcile() {
        List<String> names = new ArrayList<>();
        all(state).forEach(r -> names.add(r.name()));
        return directories.reconcile(names);
    }

    /** Problems between the index and the disk, one line each. */
    public List<String> check() {
        List<String> problems = new ArrayList<>();
        for (VolumeRecord r : all(state)) {
            if (!Files.isDirectory(Path.of(r.mountpoint()))) {
                problems.add("volume " + r.name() + ": directory " + r.mountpoint() + " is missing");
            }
        }
        try (var dirs = Files.list(volumesDir)) {
            dirs.forEach(d -> {
                String name = d.getFileName().toString();
                if (state.get(Families.VOLUMES, name) == null) {
                    problems.add("volume directory " + d + " belongs to no volume");
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + volumesDir, e);
        }
        return problems;
    }

    /** Bytes in the named volume's directory (0 when it has none). */
    public long size(String name) {
        return directories.size(name);
    }

    public int count() {
        return all(state).size();
    }

    private boolean inUse(String name) {
        return usage.test(state, name);
    }

    private static List<VolumeRecord> all(StateReader reader) {
        return reader.list(Families.VOLUMES, "", VolumeRecord.class);
    }

    private static boolean parseBool(String filter, String value) {
        return switch (value) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new InvalidArgumentException("invalid filter '" + filter + "=" + value
                    + "': expected true or false");
        };
    }

    private static Volume view(VolumeRecord r) {
        String created = Instant.ofEpochSecond(0, r.createdAtNanos()).atOffset(ZoneOffset.UTC)
                .withNano(0).format(RFC3339);
        return new Volume(r.name(), r.driver(), r.mountpoint(), created, r.labels(), r.options(), "local");
    }
}
