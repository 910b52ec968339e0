package io.cairn.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wire records carry the Docker Engine API's field names (its swagger's, case included), in
 * that order, and read back to what was written: Docker's clients and Cairn's own parse them.
 */
class WireShapeTest {

    private final ObjectMapper json = new ObjectMapper();

    private List<String> fields(Object record) {
        JsonNode tree = json.valueToTree(record);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private <T> void roundTrips(T record, Class<T> type) throws Exception {
        assertEquals(record, json.readValue(json.writeValueAsString(record), type));
    }

    @Test
    void imageSummaryIsDockersImageSummary() throws Exception {
        ImageSummary s = new ImageSummary("sha256:ab", "", List.of("busybox:latest"), List.of(), 1700000000L, 4096,
                -1, Map.of("team", "web"), -1, "sha256:cd");
        assertEquals(List.of("Id", "ParentId", "RepoTags", "RepoDigests", "Created", "Size", "SharedSize", "Labels",
                "Containers", "ManifestDigest"), fields(s));
        roundTrips(s, ImageSummary.class);
    }

    @Test
    void volumesAndTheirListAndPruneReport() throws Exception {
        Volume v = new Volume("data", "local", "/var/lib/cairn/volumes/data", "2026-01-01T00:00:00Z", Map.of("a", "b"),
                Map.of(), "local");
        assertEquals(List.of("Name", "Driver", "Mountpoint", "CreatedAt", "Labels", "Options", "Scope"), fields(v));
        roundTrips(v, Volume.class);
        assertEquals(List.of("Volumes", "Warnings"), fields(new VolumeList(List.of(v), List.of())));
        roundTrips(new VolumeList(List.of(v), List.of("w")), VolumeList.class);
        assertEquals(List.of("VolumesDeleted", "SpaceReclaimed"), fields(new VolumePruneReport(List.of("data"), 5)));
        assertEquals(List.of("Name", "Driver", "DriverOpts", "Labels"),
                fields(new VolumeCreateRequest("data", "local", Map.of(), Map.of())));
        assertEquals(new VolumeCreateRequest("x", null, null, null),
                json.readValue("{\"Name\":\"x\"}", VolumeCreateRequest.class), "every field of a create is optional");
    }

    @Test
    void eventsAreDockersEventMessage() throws Exception {
        EventMessage m = new EventMessage("container", "die", new EventMessage.Actor("c0ffee", Map.of("exitCode", "1")),
                "local", 1700000000L, 1700000000123456789L, 42, 1000);
        assertEquals(List.of("Type", "Action", "Actor", "scope", "time", "timeNano", "index", "uid"), fields(m));
        assertEquals(List.of("ID", "Attributes"), fields(m.actor()));
        roundTrips(m, EventMessage.class);
    }

    @Test
    void imageDeletionsNameOnlyWhatHappened() throws Exception {
        assertEquals("{\"Untagged\":\"busybox:latest\"}", json.writeValueAsString(ImageDeleteItem.untagged("busybox:latest")));
        assertEquals("{\"Deleted\":\"sha256:ab\"}", json.writeValueAsString(ImageDeleteItem.deleted("sha256:ab")));
        ImagePruneReport prune = new ImagePruneReport(List.of(ImageDeleteItem.deleted("sha256:ab")), 10);
        assertEquals(List.of("ImagesDeleted", "SpaceReclaimed"), fields(prune));
        roundTrips(prune, ImagePruneReport.class);
    }

    @Test
    void historyAndDiskUsage() throws Exception {
        HistoryEntry h = new HistoryEntry("<missing>", 1, "/bin/sh -c make", List.of("app:1"), 100, "");
        assertEquals(List.of("Id", "Created", "CreatedBy", "Tags", "Size", "Comment"), fields(h));
        roundTrips(h, HistoryEntry.class);
        ImageSummary image = new ImageSummary("sha256:ab", "", List.of(), List.of(), 1, 10, 4, Map.of(), 2, "sha256:cd");
        DiskUsage.VolumeUsage volume = new DiskUsage.VolumeUsage("data", "local", "/v/data", "2026-01-01T00:00:00Z",
                Map.of(), "local", new DiskUsage.VolumeUsage.Usage(5, 1));
        DiskUsage.CacheUsage cache = new DiskUsage.CacheUsage("sha256:ef", "regular", "RUN make", false, true, 0,
                "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", 1);
        DiskUsage df = new DiskUsage(10, List.of(image), List.of(Map.of("Id", "c0ffee", "SizeRw", 3)), List.of(volume),
                List.of(cache));
        assertEquals(List.of("LayersSize", "Images", "Containers", "Volumes", "BuildCache"), fields(df));
        assertEquals(List.of("Name", "Driver", "Mountpoint", "CreatedAt", "Labels", "Scope", "UsageData"), fields(volume));
        assertEquals(List.of("ID", "Type", "Description", "InUse", "Shared", "Size", "CreatedAt", "LastUsedAt",
                "UsageCount"), fields(cache));
        JsonNode tree = json.readTree(json.writeValueAsString(df));
        assertTrue(tree.path("Images").isArray(), "an array of image summaries at 1.43, as the docker CLI decodes it");
        assertEquals(1, tree.path("Volumes").get(0).path("UsageData").path("RefCount").asLong());
    }

    @Test
    void aJournalRecordEmbedsItsEventAsJson() throws Exception {
        JournalRecord r = new JournalRecord(7, "volume.create", 1, 99, 0, "0a0b0c0d", "{\"name\":\"data\"}");
        JsonNode tree = json.readTree(json.writeValueAsString(r));
        assertEquals(List.of("index", "type", "version", "timeNano", "uid", "crc32c", "event"), fields(r));
        assertEquals("data", tree.path("event").path("name").asText(), "the payload is JSON inside, not a string");
    }
}
