package io.cairn.engine.http;

import io.cairn.api.DiskUsage;
import io.cairn.api.Filters;
import io.cairn.api.ImageSummary;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.Volume;
import io.cairn.engine.Engine;
import io.cairn.engine.build.cache.CacheRecord;
import io.cairn.engine.container.ContainerRecord;
import io.cairn.engine.event.MountSpec;
import io.cairn.engine.fs.Trees;
import io.cairn.engine.image.ImageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /system/df[?type=…]}: Docker's 1.43 answer, built from the index and the disk. The
 * sizes of writable layers and volumes are walked on disk (as dockerd walks them), so only the types
 * asked for are computed.
 */
final class DiskUsageAnswer {

    static final Set<String> TYPES = Set.of("container", "image", "volume", "build-cache");

    private DiskUsageAnswer() {
    }

    static DiskUsage of(Engine engine, List<String> types) {
        for (String t : types) {
            if (!TYPES.contains(t)) {
                throw new InvalidArgumentException("invalid type \"" + t + "\": expected container, image, volume or"
                        + " build-cache");
            }
        }
        boolean all = types.isEmpty();
        List<ContainerRecord> containers = engine.containers().all();
        return new DiskUsage(engine.layersSize(),
                all || types.contains("image") ? images(engine, containers) : List.of(),
                all || types.contains("container") ? containers(engine, containers) : List.of(),
                all || types.contains("volume") ? volumes(engine, containers) : List.of(),
                all || types.contains("build-cache") ? cache(engine) : List.of());
    }

    private static List<ImageSummary> images(Engine engine, List<ContainerRecord> containers) {
        Map<String, Long> users = new HashMap<>();
        containers.forEach(c -> users.merge(c.imageId(), 1L, Long::sum));
        Map<String, Long> shared = engine.images().sharedSizes();
        List<ImageSummary> out = new ArrayList<>();
        for (ImageSummary s : engine.images().list(true, Filters.none())) {
            out.add(s.withUsage(shared.getOrDefault(s.id(), 0L), users.getOrDefault(s.id(), 0L)));
        }
        return out;
    }

    private static List<Map<String, Object>> containers(Engine engine, List<ContainerRecord> containers) {
        Map<String, Long> imageSizes = new HashMap<>();
        for (ImageRecord image : engine.images().all()) {
            imageSizes.put(image.id(), image.size());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (ContainerRecord c : containers) {
            Map<String, Object> s = new LinkedHashMap<>(ContainerRoutes.summary(c));
            long rw = Trees.size(engine.containers().directory(c.id()).resolve("upper"));
            s.put("SizeRw", rw);
            s.put("SizeRootFs", rw + imageSizes.getOrDefault(c.imageId(), 0L));
            out.add(s);
        }
        return out;
    }

    private static List<DiskUsage.VolumeUsage> volumes(Engine engine, List<ContainerRecord> containers) {
        Map<String, Long> refs = new HashMap<>();
        for (ContainerRecord c : containers) {
            for (MountSpec m : c.config().mounts()) {
                if (m.type().equals("volume")) {
                    refs.merge(m.source(), 1L, Long::sum);
                }
            }
        }
        List<DiskUsage.VolumeUsage> out = new ArrayList<>();
        for (Volume v : engine.volumes().list(Filters.none())) {
            out.add(new DiskUsage.VolumeUsage(v.name(), v.driver(), v.mountpoint(), v.createdAt(), v.labels(),
                    v.scope(), new DiskUsage.VolumeUsage.Usage(engine.volumes().size(v.name()),
                    refs.getOrDefault(v.name(), 0L))));
        }
        return out;
    }

    private static List<DiskUsage.CacheUsage> cache(Engine engine) {
        List<DiskUsage.CacheUsage> out = new ArrayList<>();
        for (CacheRecord r : engine.builds().cache().entries()) {
            String at = Instant.ofEpochSecond(0, r.storedNanos()).toString();
            out.add(new DiskUsage.CacheUsage(r.key(), "regular", r.step(), false, true, 0, at, at, 1));
        }
        return out;
    }
}
