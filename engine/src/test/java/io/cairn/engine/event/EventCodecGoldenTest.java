package io.cairn.engine.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The journal's payloads are an on-disk format: for one value of every event type, the journal
 * name and the exact bytes {@link EventCodec} writes are pinned in {@code golden-events.txt}, so a
 * refactoring that renames or moves a record (or a value type it carries) and changes what an
 * existing journal holds fails here, before a root written by an older Cairn stops replaying.
 */
class EventCodecGoldenTest {

    private final EventCodec codec = new EventCodec();

    /** One value of every event type; maps have one entry so that their order is fixed. */
    private static List<Event> samples() {
        MountSpec bind = new MountSpec("bind", "/srv/data", "/data", true, List.of());
        MountSpec tmpfs = new MountSpec("tmpfs", "", "/tmp", false, List.of("size=64m"));
        ContainerConfig config = new ContainerConfig("alpine:3.20", List.of("/entry"), List.of("sh", "-c", "echo hi"),
                List.of("PATH=/usr/bin", "A=b"), "/work", "1000:1000", "box", Map.of("k", "v"), List.of(bind, tmpfs),
                true, "none", List.of("NET_ADMIN"), List.of("CHOWN"), false, List.of("no-new-privileges"), "SIGTERM",
                true, new Resources(64L << 20, 128L << 20, 32L << 20, 500_000_000L, 512, "0-1", 50,
                List.of(new Resources.Ulimit("nofile", 100, 200)), 10L << 20, false), ContainerSettings.defaults(),
                new NetworkOptions(List.of(new PortBinding("127.0.0.1", 8080, 80, "tcp")), true, List.of("80/tcp"),
                        List.of("10.0.0.53"), List.of("example.com"), List.of("ndots:2"), List.of("db:10.0.0.5")));
        String id = "c".repeat(64);
        String image = "sha256:" + "a".repeat(64);
        return List.of(
                new VolumeCreated("vol", "local", "/var/lib/cairn/volumes/vol", Map.of("l", "1"), Map.of("o", "2")),
                new VolumeRemoved("vol"),
                new DaemonStarted("0.1.0", 42),
                new DaemonStopped(42),
                new BlobStored("sha256:" + "b".repeat(64), "application/vnd.oci.image.layer.v1.tar", 1234),
                new BlobRemoved("sha256:" + "b".repeat(64)),
                new LayerRegistered("sha256:" + "1".repeat(64), "sha256:" + "2".repeat(64), "", "sha256:"
                        + "3".repeat(64), 99),
                new LayerReleased("sha256:" + "1".repeat(64)),
                new ImageCreated(image, "sha256:" + "d".repeat(64), List.of("sha256:" + "1".repeat(64)), 99,
                        "2024-01-01T00:00:00Z", "build"),
                new ImageDeleted(image),
                new ImageTagged("docker.io/library/alpine:3.20", image),
                new ImageUntagged("docker.io/library/alpine:3.20", image),
                new ImagePulled("docker.io/library/alpine:3.20", "registry-1.docker.io", "sha256:" + "e".repeat(64),
                        "linux/amd64", image),
                new LayerDistributed("sha256:" + "1".repeat(64), "gzip", "sha256:" + "f".repeat(64), 1234,
                        "127.0.0.1:5000/app"),
                new ContainerCreated(id, "box", image, config),
                new ContainerStarting(id),
                new ContainerStarted(id, 4242),
                new ContainerDied(id, 137, "killed"),
                new ContainerKilled(id, 9),
                new ContainerStopped(id),
                new ContainerCommitted(id, image),
                new ContainerRemoved(id),
                new ContainerPaused(id),
                new ContainerUnpaused(id),
                new ContainerRenamed(id, "box", "crate"),
                new ContainerUpdated(id, new Resources(100L << 20, -1, 0, 0, 0, "", -1, List.of(), 0, false),
                        new RestartPolicy("on-failure", 3)),
                new ContainerOomKilled(id),
                new ContainerRestarted(id),
                new ContainerRestartScheduled(id, 2, 200),
                new ContainerStopRequested(id),
                new ContainerHealthChanged(id, "healthy"),
                new ContainerHealthProbed(id, "e".repeat(64), List.of("/bin/sh", "-c", "curl -f localhost"),
                        1_700_000_000_000_000_000L, 1, "refused\n", 2),
                new ExecCreated("e".repeat(64), id, List.of("sh", "-c", "exit 3")),
                new ExecStarted("e".repeat(64), id, List.of("sh", "-c", "exit 3")),
                new ExecDied("e".repeat(64), id, 3),
                new BuildStarted("e".repeat(64), "Dockerfile", "/ctx", "final", List.of("app:1")),
                new BuildStepCompleted("e".repeat(64), 2, "[2/3] RUN make", true, image, 17),
                new BuildCacheStored("sha256:" + "f".repeat(64), image, "RUN make"),
                new BuildCompleted("e".repeat(64), image, 1500),
                new BuildFailed("e".repeat(64), "[2/3] RUN make", "exit code: 2"),
                new BuildCachePruned(List.of("sha256:" + "f".repeat(64))),
                new NetworkCreated("9".repeat(64), "app", "bridge", "cr-999999999999", "10.213.7.0/24", "10.213.7.1",
                        "", false, true, Map.of("team", "web")),
                new NetworkRemoved("9".repeat(64)),
                new NetworkConnected("9".repeat(64), id, "10.213.7.9", List.of("db")),
                new NetworkDisconnected("9".repeat(64), id),
                new EndpointsAllocated(id, "box", "/var/lib/cairn/netns/" + id, List.of(new Endpoint("9".repeat(64),
                        "app", "10.213.7.2", 24, "10.213.7.1", "02:42:0a:d5:07:02", "eth0", List.of("box", "cccccccccccc"))),
                        List.of(new PortBinding("", 8080, 80, "tcp"))),
                new EndpointsReleased(id));
    }

    @Test
    void everyEventTypeEncodesToThePinnedBytesAndDecodesBack() throws IOException {
        Map<String, String> golden = golden();
        Map<String, String> actual = new LinkedHashMap<>();
        for (Event e : samples()) {
            actual.put(EventTypes.nameOf(e), new String(codec.encode(e), StandardCharsets.UTF_8));
        }
        assertEquals(golden, actual);
        for (Event e : samples()) {
            String type = EventTypes.nameOf(e);
            assertEquals(e, codec.decode(type, EventTypes.VERSION,
                    golden.get(type).getBytes(StandardCharsets.UTF_8)), type);
        }
    }

    /** A container created before limits existed has none: its journaled config lacks the field. */
    @Test
    void aConfigWithoutResourcesDecodesWithNoLimits() {
        String old = golden().get("container.create").replaceFirst(",\"resources\":\\{[^}]*\\[[^]]*\\][^}]*\\}", "");
        assertFalse(old.contains("resources"), old);
        ContainerCreated e = (ContainerCreated) codec.decode("container.create", 1, old.getBytes(StandardCharsets.UTF_8));
        assertEquals(Resources.NONE, e.config().resources());
    }

    /** A {@code container.create} journaled before {@link ContainerSettings} existed reads with Docker's defaults. */
    @Test
    void aContainerCreatedWithoutSettingsDecodesWithTheDefaults() {
        String before = "{\"id\":\"" + "c".repeat(64) + "\",\"name\":\"box\",\"imageId\":\"sha256:" + "a".repeat(64)
                + "\",\"config\":{\"image\":\"alpine:3.20\",\"entrypoint\":[],\"cmd\":[\"true\"],\"env\":[],"
                + "\"workingDir\":\"/\",\"user\":\"\",\"hostname\":\"box\",\"labels\":{},\"mounts\":[],\"readOnly\":false,"
                + "\"network\":\"none\",\"capAdd\":[],\"capDrop\":[],\"privileged\":false,\"securityOpt\":[],"
                + "\"stopSignal\":\"SIGTERM\",\"autoRemove\":false}}";
        ContainerCreated e = (ContainerCreated) codec.decode("container.create", EventTypes.VERSION,
                before.getBytes(StandardCharsets.UTF_8));
        assertEquals(ContainerSettings.defaults(), e.config().settings());
        assertEquals("no", e.config().settings().restartPolicy().name());
    }

    /**
     * Entries of {@code container.create} version 2 written before the exposed ports had one owner
     * carry a copy in the settings: it is ignored, and the network options' list is the one read.
     */
    @Test
    void aSettingsCopyOfTheExposedPortsIsIgnored() {
        String withCopy = golden().get("container.create").replace("\"healthcheck\":null,",
                "\"healthcheck\":null,\"exposedPorts\":[\"9999/tcp\"],");
        ContainerCreated e = (ContainerCreated) codec.decode("container.create", 2,
                withCopy.getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("80/tcp"), e.config().net().exposed());
    }

    /**
     * A container created before {@code -i} and {@code -t} existed: its journaled config lacks
     * {@code openStdin}, {@code stdinOnce} and {@code tty}, and reads back with all three false.
     */
    @Test
    void aContainerConfigFromBeforeStdinAndTtyReadsWithoutThem() throws IOException {
        String old = golden().get("container.create").replace(",\"openStdin\":true,\"stdinOnce\":true,\"tty\":true", "");
        ContainerCreated created = (ContainerCreated) codec.decode("container.create", EventTypes.VERSION,
                old.getBytes(StandardCharsets.UTF_8));
        assertEquals(false, created.config().openStdin());
        assertEquals(false, created.config().stdinOnce());
        assertEquals(false, created.config().tty());
        assertEquals("SIGTERM", created.config().stopSignal());
    }

    /**
     * Each type whose version was bumped keeps, in {@code golden-events-v1.txt}, the bytes its
     * version 1 wrote: they still decode (a root an older Cairn wrote replays), to the sample
     * without the later components.
     */
    @Test
    void theVersionOnePayloadsOfBumpedTypesStillDecode() throws IOException {
        Map<String, String> v1 = readGolden("golden-events-v1.txt");
        assertEquals(new TreeSet<>(List.of("container.create", "container.update")), new TreeSet<>(v1.keySet()));
        for (Map.Entry<String, String> e : v1.entrySet()) {
            assertEquals(2, EventTypes.versionOf(e.getKey()), e.getKey());
            Event old = codec.decode(e.getKey(), 1, e.getValue().getBytes(StandardCharsets.UTF_8));
            Event now = samples().stream().filter(s -> EventTypes.nameOf(s).equals(e.getKey())).findFirst().orElseThrow();
            if (now instanceof ContainerUpdated u) {
                assertEquals(new ContainerUpdated(u.id(), u.resources()), old); // no policy: unchanged
            } else {
                assertEquals(now, old); // the sample's console size is the default 0 x 0
            }
        }
    }

    /** An older Cairn reads up to its own version: a newer entry is refused by name and version, never half-read. */
    @Test
    void aVersionNewerThanThisCairnsIsRefusedNamingIt() {
        byte[] payload = golden().get("container.create").getBytes(StandardCharsets.UTF_8);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> codec.decode("container.create", EventTypes.versionOf("container.create") + 1, payload));
        assertEquals("event type 'container.create' has schema version 3; this Cairn reads versions 1 to 2"
                + " (a newer Cairn wrote it)", e.getMessage());
        assertEquals(EventTypes.VERSION, EventTypes.versionOf("volume.create"));
    }

    @Test
    void theSamplesCoverEveryEventType() {
        TreeSet<String> sampled = new TreeSet<>();
        samples().forEach(e -> sampled.add(e.getClass().getSimpleName()));
        TreeSet<String> known = new TreeSet<>();
        EventTypes.all().forEach(c -> known.add(c.getSimpleName()));
        assertEquals(known, sampled);
    }

    /** {@code type<TAB>payload}, one line per event type. */
    private static Map<String, String> golden() {
        try {
            return readGolden();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> readGolden() throws IOException {
        return readGolden("golden-events.txt");
    }

    private static Map<String, String> readGolden(String resource) throws IOException {
        Map<String, String> lines = new LinkedHashMap<>();
        try (InputStream in = EventCodecGoldenTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                return lines;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    int tab = line.indexOf('\t');
                    lines.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        }
        return lines;
    }
}
