package io.cairn.engine.container;

import io.cairn.engine.event.MountSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.ConflictException;
import io.cairn.api.Filters;
import io.cairn.api.InvalidArgumentException;
import io.cairn.api.NotFoundException;
import io.cairn.api.Volume;
import io.cairn.engine.Engine;
import io.cairn.engine.TestEngines;
import io.cairn.engine.image.ConfigChanges;
import io.cairn.engine.image.ImageImporter;
import io.cairn.engine.volume.VolumeService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What containers do without a runtime: create (names, mounts, the image's volumes, the writable
 * layer), listing and its filters, removal with its volumes, prune, and the guards between
 * containers, images and volumes.
 */
class ContainerServiceTest {

    @TempDir
    Path root;

    private final TestEngines.MemoryLocation index = new TestEngines.MemoryLocation();

    private static byte[] tar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            byte[] content = "hi\n".getBytes();
            TarArchiveEntry e = new TarArchiveEntry("etc/hello");
            e.setSize(content.length);
            tar.putArchiveEntry(e);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static String image(Engine engine, String ref, String... changes) throws IOException {
        return new ImageImporter(engine.images(), engine.root().tmp()).importRootfs(new ByteArrayInputStream(tar()),
                Optional.of(ref), ConfigChanges.apply(Map.of(), List.of(changes)), null, 0);
    }

    private static CreateRequest request(String image, String name, List<MountSpec> mounts, Map<String, String> labels) {
        return new CreateRequest(image, name, null, null, null, null, null, null, labels, mounts, false, null, null, null,
                false, null, false);
    }

    @Test
    void createMakesTheWritableLayerAndJournalsTheResolvedContainer() throws IOException {
        try (Engine engine = TestEngines.open(root, index)) {
            String imageId = image(engine, "app", "CMD [\"/bin/app\"]", "ENV A=1", "LABEL team=web");
            ContainerService containers = engine.containers();
            String id = containers.create(request("app", "web", null, Map.of("tier", "front")), 0);
            assertTrue(id.matches("[0-9a-f]{64}"), id);
            ContainerRecord c = containers.resolve("web");
            assertEquals(id, c.id());
            assertEquals("created", c.status());
            assertEquals(imageId, c.imageId());
            assertEquals(List.of("/bin/app"), c.config().argv());
            assertTrue(c.config().env().contains("A=1"), c.config().env().toString());
            assertEquals(Map.of("team", "web", "tier", "front"), c.config().labels());
            assertEquals(id.substring(0, 12), c.config().hostname());
            assertTrue(Files.isDirectory(containers.directory(id).resolve("upper")));
            assertTrue(Files.exists(containers.logFile(id)), "followers open the log before the first start");
            assertEquals(c, containers.resolve(id.substring(0, 8)), "a short ID resolves");
            assertEquals(c, containers.resolve("/web"), "Docker's leading slash resolves");
            assertEquals(0, containers.await("web"), "a created container is not running: wait returns at once");
        }
    }

    @Test
    void namesAreUniqueAndRefusedRequestsLeaveNothingBehind() throws IOException {
        try (Engine engine = TestEngines.open(root, index)) {
            image(engine, "app", "CMD [\"/bin/app\"]");
            ContainerService containers = engine.containers();
            String first = containers.create(request("app", "web", null, null), 0);
            ConflictException taken = assertThrows(ConflictException.class,
                    () -> containers.create(request("app", "web", null, null), 0));
            assertTrue(taken.getMessage().contains("\"/web\" is already in use by container \"" + first + "\""),
                    taken.getMessage());
            assertThrows(NotFoundException.class, () -> containers.create(request("nope", null, null, null), 0));
            assertThrows(InvalidArgumentException.class, () -> containers.create(request("app", null,
                    List.of(new MountSpec("bind", "/no/such/dir", "/data", false, List.of())), null), 0));
            assertThrows(InvalidArgumentException.class, () -> containers.create(request("app", null,
                    List.of(new MountSpec("volume", "v", "relative", false, List.of())), null), 0));
            String unnamed = containers.create(request("app", null, null, null), 0);
            assertTrue(containers.resolve(unnamed).name().matches("[a-z]+_[a-z]+"), containers.resolve(unnamed).name());
            try (var dirs = Files.list(engine.root().containers())) {
                assertEquals(2, dirs.count(), "the refused creates left no directory");
            }
        }
    }

    @Test
    void theImagesVolumesBecomeAnonymousVolumesThatRmVRemoves() throws IOException {
        try (Engine engine = TestEngines.open(root, index)) {
            image(engine, "db", "CMD [\"/bin/db\"]", "VOLUME /var/lib/db");
            ContainerService containers = engine.containers();
            VolumeService volumes = engine.volumes();
            volumes.create(new io.cairn.api.VolumeCreateRequest("named", null, null, null), 0);
            String id = containers.create(request("db", "db", List.of(
                    new MountSpec("volume", "named", "/named", false, List.of())), null), 0);
            List<MountSpec> mounts = containers.resolve(id).config().mounts();
            assertEquals(List.of("/named", "/var/lib/db"), mounts.stream().map(MountSpec::target).toList());
            String anonymous = mounts.get(1).source();
            assertTrue(volumes.inspect(anonymous).labels().containsKey(VolumeService.ANONYMOUS_LABEL));
            assertThrows(ConflictException.class, () -> volumes.remove("named", false, 0), "a container uses it");

            containers.remove("db", false, true, 0);
            assertThrows(NotFoundException.class, () -> containers.resolve("db"));
            assertFalse(Files.exists(containers.directory(id)), "the removal's effect deleted the directory");
            assertEquals(List.of("named"), volumes.list(Filters.none()).stream().map(Volume::name).toList(),
                    "-v removes anonymous volumes only");
        }
    }

    @Test
    void listFiltersAndPrune() throws IOException {
        try (Engine engine = TestEngines.open(root, index)) {
            image(engine, "app", "CMD [\"/bin/app\"]");
            image(engine, "other", "CMD [\"/bin/other\"]");
            ContainerService containers = engine.containers();
            String a = containers.create(request("app", "alpha", null, Map.of("env", "prod")), 0);
            String b = containers.create(request("other", "bravo", null, Map.of("env", "dev")), 0);
            assertEquals(List.of(), containers.list(false, Filters.none()), "ps shows running containers only");
            assertEquals(List.of(b, a), ids(containers.list(true, Filters.none())), "newest first");
            assertEquals(List.of(a), ids(containers.list(true, filter("label=env=prod"))));
            assertEquals(List.of(b), ids(containers.list(true, filter("ancestor=other"))));
            assertEquals(List.of(a), ids(containers.list(true, filter("name=alp"))));
            assertEquals(List.of(b, a), ids(containers.list(false, filter("status=created"))),
                    "a status filter shows stopped containers without -a");
            assertThrows(InvalidArgumentException.class, () -> containers.list(true, new Filters(Map.of("colour",
                    List.of("red")))));
            assertThrows(ConflictException.class, () -> engine.images().remove("app", false, 0),
                    "an image a container uses stays");
            assertEquals(List.of(b), containers.prune(filter("label=env=dev"), 0));
            assertEquals(List.of(a), ids(containers.list(true, Filters.none())));
        }
    }

    private static Filters filter(String pair) {
        return Filters.parse(List.of(pair), ContainerService.LIST_FILTERS);
    }

    private static List<String> ids(List<ContainerRecord> records) {
        return records.stream().map(ContainerRecord::id).toList();
    }
}
