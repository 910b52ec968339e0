package io.cairn.engine;

import io.cairn.engine.layout.RootLayout;
import io.cairn.api.CheckReport;
import io.cairn.api.EngineFailureException;
import io.cairn.api.JournalRecord;
import io.cairn.api.JournalSnapshot;
import io.cairn.api.JournalVerification;
import io.cairn.api.RebuildReport;
import io.cairn.engine.container.BundleWriter;
import io.cairn.engine.container.ContainerService;
import io.cairn.engine.event.DaemonStarted;
import io.cairn.engine.event.DaemonStopped;
import io.cairn.engine.event.EventCodec;
import io.cairn.engine.feed.EventService;
import io.cairn.engine.image.ImageContent;
import io.cairn.engine.image.ImageMaintenance;
import io.cairn.engine.image.ImageService;
import io.cairn.engine.pipeline.Decision;
import io.cairn.engine.pipeline.EffectExecutor;
import io.cairn.engine.pipeline.Pipeline;
import io.cairn.engine.recovery.Leftovers;
import io.cairn.engine.recovery.Replayer;
import io.cairn.engine.runtime.ContainerRuntime;
import io.cairn.engine.state.Families;
import io.cairn.engine.state.IndexLocation;
import io.cairn.engine.state.LayeredReader;
import io.cairn.engine.state.Overlay;
import io.cairn.engine.state.Projector;
import io.cairn.engine.state.StateReader;
import io.cairn.engine.state.SwappableStore;
import io.cairn.engine.volume.VolumeService;
import io.cairn.journal.Journal;
import io.cairn.journal.VerifyReport;
import io.cairn.storage.index.IndexStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * One open engine over a root: journal, index, pipeline and the services that decide commands.
 * Opening it recovers (replays the journal from the index's last applied entry, then reconciles
 * effects); closing it drains the pipeline and records a clean stop.
 */
public final class Engine implements AutoCloseable {

    public static final String VERSION = "0.1.0";
    private static final Logger LOG = Logger.getLogger(Engine.class.getName());

    private final RootLayout root;
    private final Journal journal;
    private final IndexLocation location;
    private final SwappableStore store;
    private final EventCodec codec = new EventCodec();
    private final Projector projector = Projections.all();
    private final Pipeline pipeline;
    private final StateReader committed;
    private final VolumeService volumes;
    private final ImageService images;
    private final ImageMaintenance imageMaintenance;
    private final ImageContent content;
    private final EventService events;
    private final ContainerService containers;
    private final io.cairn.engine.exec.ExecService execs;
    private final io.cairn.engine.network.NetworkService networks;
    private final io.cairn.engine.build.BuildService builds;
    private final long replayedAtOpen;
    private final io.cairn.engine.recovery.JournalAudit audit;
    private final io.cairn.engine.snapshot.SnapshotStore snapshots;
    private volatile int keepSnapshots = DEFAULT_KEEP_SNAPSHOTS;
    /** How many snapshots {@link #snapshot()} keeps unless configured (daemon.json {@code journal-snapshots}). */
    public static final int DEFAULT_KEEP_SNAPSHOTS = 2;
    private volatile io.cairn.engine.image.ImagePuller puller;
    private volatile io.cairn.engine.image.ImagePusher pusher;

    private Engine(RootLayout root, Supplier<Journal> opening, IndexLocation location,
                   io.cairn.engine.pipeline.PipelineSettings settings, ContainerRuntime runtime, BundleWriter bundles) {
        this.root = root;
        this.location = location;
        // the index first: the daemon opens the journal on another thread meanwhile
        IndexStore index = location.open();
        try {
            this.journal = opening.get();
            this.audit = verifyAtOpen(journal, index.lastApplied());
        } catch (RuntimeException e) {
            closeQuietly(index);
            throw e;
        }
        this.store = new SwappableStore(index);
        this.snapshots = new io.cairn.engine.snapshot.SnapshotStore(root.snapshots());
        this.replayedAtOpen = new Replayer(codec, projector).replay(journal, store, store.lastApplied() + 1);
        if (store.lastApplied() != journal.lastIndex()) {
            throw new EngineFailureException("index is at journal entry " + store.lastApplied()
                    + " after recovery but the journal ends at " + journal.lastIndex() + "; nothing was reconciled or"
                    + " deleted. 'cairn journal repair' (daemon stopped) rebuilds the index from the journal");
        }
        this.committed = new LayeredReader(store, new Overlay());
        this.pipeline = new Pipeline(journal, store, codec, projector,
                new EffectExecutor(settings.effectThreads()), settings.ringSize(), settings.batchLimit());
        this.volumes = new VolumeService(pipeline, committed, root.volumes(), ContainerService::volumeInUse);
        this.content = ImageContent.open(root.blobs(), root.layers(), root.tmp());
        this.images = new ImageService(pipeline, committed, content, ContainerService::imageInUse);
        this.imageMaintenance = new ImageMaintenance(committed, content);
        this.networks = new io.cairn.engine.network.NetworkService(pipeline, committed, root.dir().resolve("netns"),
                new io.cairn.engine.network.Netavark(io.cairn.engine.network.Netavark.BINARY,
                        io.cairn.engine.network.Netavark.AARDVARK, root.dir().resolve("netavark")));
        this.containers = new ContainerService(pipeline, committed, images, volumes, root, runtime, bundles, networks);
        this.events = new EventService(journal, codec, id -> containers.find(id)
                .map(c -> new io.cairn.engine.feed.ContainerIdentity(c.name(), c.config().image())),
                id -> networks.find(id).map(n -> new io.cairn.engine.feed.NetworkIdentity(n.name(), n.driver())));
        configureRegistries(io.cairn.engine.registry.RegistryConfig.defaults());
        this.builds = new io.cairn.engine.build.BuildService(pipeline, committed, images, containers, root);
        this.builds.usePuller(() -> puller);
        this.execs = new io.cairn.engine.exec.ExecService(pipeline, containers, runtime, root, allCapabilities());
        // Docker's health probes are execs; 4 KiB of output kept per probe, as Docker keeps
        this.containers.probeWith((id, argv, timeout) -> {
            io.cairn.engine.exec.InContainer.Result r = execs.run(id, argv, timeout, 4096);
            return new io.cairn.engine.runtime.ProcessProbe.Result(r.timedOut() ? -1 : r.exitCode(), r.output(), r.execId());
        });
    }

    /**
     * What {@code exec --privileged} gets: every capability the kernel knows that this daemon may
     * grant (its bounding set; a daemon in a container may lack some), as a privileged container does.
     */
    private static java.util.List<String> allCapabilities() {
        io.cairn.engine.runtime.spec.LinuxHost host = new io.cairn.engine.runtime.spec.LinuxHost();
        try {
            return io.cairn.engine.runtime.spec.CapabilitySet.all(host.lastCap()).within(host.boundingSet()).names();
        } catch (RuntimeException e) {
            return io.cairn.engine.runtime.spec.CapabilitySet.DOCKER_DEFAULT.names();
        }
    }

    /**
     * Opens the engine: replays what the index misses, reconciles volume directories, and journals a
     * daemon start on behalf of {@code uid}.
     */
    public static Engine open(RootLayout root, Journal journal, IndexLocation location, int ringSize, int uid,
                              ContainerRuntime runtime, BundleWriter bundles) {
        return open(root, journal, location, new io.cairn.engine.pipeline.PipelineSettings(ringSize,
                0, io.cairn.engine.pipeline.PipelineSettings.DEFAULTS.effectThreads()), uid, runtime, bundles);
    }

    /** As above, with the write path's knobs ({@code ring-size}, {@code batch-limit}, {@code effect-threads}). */
    public static Engine open(RootLayout root, Journal journal, IndexLocation location,
                              io.cairn.engine.pipeline.PipelineSettings settings, int uid,
                              ContainerRuntime runtime, BundleWriter bundles) {
        return open(root, () -> journal, location, settings, uid, runtime, bundles);
    }

    /**
     * As above, with a journal that may still be opening elsewhere: the index opens first, then
     * {@code journal} is asked for it (the daemon's start runs both opens at once). A failure of either
     * fails the open, the index closed again.
     */
    public static Engine open(RootLayout root, Supplier<Journal> journal, IndexLocation location,
                              io.cairn.engine.pipeline.PipelineSettings settings, int uid,
                              ContainerRuntime runtime, BundleWriter bundles) {
        Engine engine = new Engine(root, journal, location, settings, runtime, bundles);
        for (String change : engine.volumes.reconcile()) {
            LOG.info("recovery: " + change);
        }
        for (String change : engine.imageMaintenance.collectGarbage()) {
            LOG.info("recovery: deleted " + change);
        }
        for (String change : engine.containers.reconcile()) {
            LOG.info("recovery: " + change);
        }
        try {
            for (String change : new Leftovers(runtime::unmount).removeUnknown(root.containers(),
                    id -> engine.committed.get(Families.CONTAINERS, id) != null, "container")) {
                LOG.info("recovery: " + change);
            }
        } catch (java.io.IOException e) {
            throw new EngineFailureException("cannot reconcile " + root.containers() + ": " + e.getMessage(), e);
        }
        for (String change : engine.builds.recover()) {
            LOG.info("recovery: " + change);
        }
        engine.pipeline.execute(s -> Decision.of(null, new DaemonStarted(VERSION, ProcessHandle.current().pid())), uid);
        engine.containers.resumeRestarts(); // restart policies act on the recovered state, never during replay
        return engine;
    }

    public RootLayout root() {
        return root;
    }

    public io.cairn.engine.network.NetworkService networks() {
        return networks;
    }

    public VolumeService volumes() {
        return volumes;
    }

    public ImageService images() {
        return images;
    }

    /** The content and layer stores (for maintenance and tests). */
    public ImageContent content() {
        return content;
    }

    /** Pulls images from registries, as {@link #configureRegistries} says to reach them. */
    public io.cairn.engine.image.ImagePuller puller() {
        return puller;
    }

    /** How registries are reached from now on (the daemon's registry options). */
    public void configureRegistries(io.cairn.engine.registry.RegistryConfig config) {
        io.cairn.engine.registry.RegistryClient client = new io.cairn.engine.registry.RegistryClient(config);
        this.puller = new io.cairn.engine.image.ImagePuller(images, client, root.tmp());
        this.pusher = new io.cairn.engine.image.ImagePusher(images, client);
    }

    /** Pushes images to registries. */
    public io.cairn.engine.image.ImagePusher pusher() {
        return pusher;
    }

    public ImageMaintenance imageMaintenance() {
        return imageMaintenance;
    }

    public ContainerService containers() {
        return containers;
    }

    /** Exec sessions; also the engine-internal {@link io.cairn.engine.exec.InContainer} (health checks). */
    public io.cairn.engine.exec.ExecService execs() {
        return execs;
    }

    public io.cairn.engine.build.BuildService builds() {
        return builds;
    }

    public EventService events() {
        return events;
    }

    public long replayedAtOpen() {
        return replayedAtOpen;
    }

    public long journalIndex() {
        return journal.lastIndex();
    }

    public long lastApplied() {
        return store.lastApplied();
    }

    /**
     * What to do when the pipeline thread fails with an error it cannot recover from (the daemon
     * logs it and exits non-zero); runs on a thread of its own.
     */
    public void onFatalError(java.util.function.Consumer<Throwable> handler) {
        pipeline.onFatal(handler);
    }

    /** Non-null when the pipeline halted after a journal or index failure. */
    public String halted() {
        RuntimeException cause = pipeline.haltedBy();
        return cause == null ? null : cause.getMessage();
    }

    /** Number of records in an index family. */
    public long count(String family) {
        long[] n = {0};
        committed.scan(family, "", (k, v) -> ++n[0] > 0);
        return n[0];
    }

    /** {@code sha256:<hex>} over every index family except meta. */
    public String digest() {
        return pipeline.quiesce(() -> store.digest().toString());
    }

    /**
     * Refuses a journal that fails its checks (a gap, or a corrupt entry anywhere but the torn
     * tail): recovery and every reconcile after it trust the index to be the whole journal, and
     * would otherwise delete what the lost entries created. At open the report comes from
     * {@link Journal#verifyUnlessSealed()}: a journal unchanged since a clean stop is not read again.
     */
    private static void requireSound(VerifyReport report) {
        if (!report.ok()) {
            throw new EngineFailureException("the journal is " + report.summary()
                    + "; nothing was replayed, reconciled or deleted. 'cairn journal verify' lists every problem;"
                    + " 'cairn journal repair' (daemon stopped) cuts the journal back to index "
                    + (report.firstBadIndex() - 1) + " and keeps the damaged copy");
        }
    }

    /**
     * What a start verifies: a journal the last clean stop sealed is not read. A journal whose seal is
     * broken (a clean stop sealed it, and its files changed while no daemon ran) or under an empty
     * index is verified whole, and must be sound. After a crash (no seal) only the entries after
     * {@code applied} (those the start replays) are, and they must be sound; the rest, already in the
     * index, is left to the {@link io.cairn.engine.recovery.JournalAudit audit} ({@link
     * #startJournalAudit()}), so that a restart after a crash costs what is not yet indexed, not the
     * journal's length.
     */
    private static io.cairn.engine.recovery.JournalAudit verifyAtOpen(Journal journal, long applied) {
        if (journal.isSealed()) {
            VerifyReport sealed = journal.verifyUnlessSealed();
            requireSound(sealed);
            return io.cairn.engine.recovery.JournalAudit.done(journal, sealed);
        }
        // the whole journal is replayed (no index), or it changed while no daemon ran after a clean stop
        // (not a crash: something else wrote the files): verified whole, before anything is served
        if (applied == 0 || journal.sealBroken()) {
            VerifyReport whole = journal.verify();
            requireSound(whole);
            return io.cairn.engine.recovery.JournalAudit.done(journal, whole);
        }
        requireSound(journal.verifyFrom(applied + 1));
        return io.cairn.engine.recovery.JournalAudit.pending(journal);
    }

    /**
     * Starts verifying, in the background, the part of the journal the open did not (the daemon calls
     * it once its socket answers); does nothing when there is none. Damage found is reported, never
     * acted on: see {@link io.cairn.engine.recovery.JournalAudit}.
     */
    public void startJournalAudit() {
        audit.start();
    }

    /** Warnings for {@code /info}: damage the journal audit found (none while it runs). */
    public List<String> warnings() {
        return audit.warnings();
    }

    /** {@link #rebuild(boolean) rebuild(false)}. */
    public RebuildReport rebuild() {
        return rebuild(false);
    }

    /** {@link #rebuild(boolean, boolean) rebuild(force, true)}: from the newest sound snapshot. */
    public RebuildReport rebuild(boolean force) {
        return rebuild(force, true);
    }

    /**
     * Rebuilds the index from the journal and reports both digests. The rebuilt index replaces the
     * live one when they agree, or when {@code force} says to trust the journal over a live index that
     * differs; otherwise it is discarded and nothing changes.
     *
     * <p>With {@code fromSnapshot}, the rebuild starts from a copy of the newest sound snapshot at
     * entry N (see {@link #snapshot()}) and replays the entries after N; it must give the digest a
     * replay from entry 1 gives. A snapshot is passed over (and named in the report's {@code Refused})
     * when its directory or manifest is refused, when it lies beyond the journal, when journal entry N
     * is not the entry it was taken after (a journal cut back and written again), or when its copy is
     * not at N with the manifest's digest. Without a usable snapshot it replays from entry 1 into an
     * empty index.
     *
     * <p>A journal that fails its checks is refused either way: from entry 1 the whole journal is
     * verified, as it always was; from a snapshot, the journal audit's verdict on what it read (it ran
     * in the background since the start) is required to be sound, and what it did not read from N on is
     * verified now.
     */
    public RebuildReport rebuild(boolean force, boolean fromSnapshot) {
        return pipeline.quiesce(() -> {
            long started = System.nanoTime();
            List<String> refused = new ArrayList<>();
            SnapshotStart start = fromSnapshot ? snapshotStart(refused) : null;
            IndexStore scratch;
            long from;
            if (start == null) {
                requireSound(journal.verify());
                scratch = location.openScratch();
                from = 1;
            } else {
                scratch = start.scratch();
                try {
                    VerifyReport audited = audit.await();
                    requireSound(audited);
                    requireSound(journal.verifyFrom(Math.min(start.index(), audited.lastIndex()) + 1));
                } catch (RuntimeException e) {
                    location.discard(scratch);
                    throw e;
                }
                from = start.index() + 1;
            }
            String before = store.digest().toString();
            long entries;
            try {
                entries = new Replayer(codec, projector).replay(journal, scratch, from);
            } catch (RuntimeException e) {
                closeQuietly(scratch);
                throw e;
            }
            String after = scratch.digest().toString();
            boolean swap = force || after.equals(before);
            if (swap) {
                store.swap(location.promote(store.target(), scratch));
            } else {
                location.discard(scratch);
                LOG.warning("journal rebuild: the rebuilt index (" + after + ") differs from the live one (" + before
                        + "); kept the live one (--force swaps)");
            }
            return new RebuildReport(before, after, entries, (System.nanoTime() - started) / 1e9, swap,
                    start == null ? 0 : start.index(), refused);
        });
    }

    private record SnapshotStart(long index, IndexStore scratch) {
    }

    /** A scratch index copied from the newest usable snapshot, or null; what was passed over goes to {@code refused}. */
    private SnapshotStart snapshotStart(List<String> refused) {
        for (io.cairn.engine.snapshot.Snapshot s : snapshots.list()) {
            String problem = s.problem();
            if (problem.isEmpty() && s.index() > journal.lastIndex()) {
                problem = "snapshot refused: " + s.dir() + " is at journal entry " + s.index()
                        + ", beyond the journal's last entry " + journal.lastIndex();
            }
            if (problem.isEmpty() && !entryCrc(s.index()).equals(s.manifest().entryCrc())) {
                problem = "snapshot refused: " + s.dir() + " was taken after another journal entry " + s.index()
                        + " (crc " + s.manifest().entryCrc() + ", the journal's is " + entryCrc(s.index())
                        + "): the journal was cut back and written again since";
            }
            if (problem.isEmpty()) {
                IndexStore scratch = location.openScratchFrom(s.indexDir());
                long at = scratch.lastApplied();
                String digest = scratch.digest().toString();
                if (at == s.index() && digest.equals(s.manifest().digest())) {
                    return new SnapshotStart(s.index(), scratch);
                }
                location.discard(scratch);
                problem = "snapshot refused: " + s.indexDir() + " is at entry " + at + " with digest " + digest
                        + ", its manifest says entry " + s.index() + " with " + s.manifest().digest();
            }
            LOG.warning("journal rebuild: " + problem);
            refused.add(problem);
        }
        return null;
    }

    /** The stored CRC32C of journal entry {@code index}, as 8 hex digits. */
    private String entryCrc(long index) {
        int[] crc = {0};
        boolean[] found = {false};
        journal.replay(index, index, e -> {
            crc[0] = e.crc32c();
            found[0] = true;
            return false;
        });
        if (!found[0]) {
            throw new EngineFailureException("journal entry " + index + " is not in the journal (it ends at "
                    + journal.lastIndex() + ")");
        }
        return String.format("%08x", crc[0]);
    }

    /** How many snapshots {@link #snapshot()} keeps (daemon.json {@code journal-snapshots}, at least 1). */
    public void configureSnapshots(int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("journal-snapshots must be at least 1, not " + keep);
        }
        this.keepSnapshots = keep;
    }

    /**
     * {@code cairn journal snapshot}: with the pipeline quiesced, copies the index at its last applied
     * entry N into {@code <root>/snapshots/<N>/} (a RocksDB checkpoint: hard links, written into a
     * temporary directory and renamed, so a crash midway leaves no snapshot that could be used) with a
     * manifest (N, journal entry N's CRC, the state digest, the time); then deletes the sound snapshots
     * beyond the newest {@link #configureSnapshots kept} ones. A snapshot at N that exists already is
     * returned as it is.
     */
    public JournalSnapshot snapshot() {
        io.cairn.engine.snapshot.Snapshot taken = pipeline.quiesce(() -> {
            long n = store.lastApplied();
            io.cairn.engine.snapshot.SnapshotManifest manifest = new io.cairn.engine.snapshot.SnapshotManifest(n,
                    entryCrc(n), store.digest().toString(), java.time.Instant.now());
            try {
                return snapshots.take(manifest, into -> location.checkpoint(store.target(), into));
            } catch (UnsupportedOperationException e) {
                throw new EngineFailureException("cannot take a snapshot: " + e.getMessage());
            }
        });
        for (java.nio.file.Path deleted : snapshots.prune(keepSnapshots)) {
            LOG.info("journal snapshot: deleted " + deleted + " (journal-snapshots keeps " + keepSnapshots + ")");
        }
        return describe(taken);
    }

    /** Every snapshot, newest first, each with its problem when it must not be used. */
    public List<JournalSnapshot> snapshots() {
        return snapshots.list().stream().map(Engine::describe).toList();
    }

    private static JournalSnapshot describe(io.cairn.engine.snapshot.Snapshot s) {
        return s.sound()
                ? new JournalSnapshot(s.index(), s.manifest().digest(), s.manifest().taken().toString(), s.dir().toString(), "")
                : new JournalSnapshot(s.index(), "", "", s.dir().toString(), s.problem());
    }

    public JournalVerification verifyJournal() {
        VerifyReport r = journal.verify();
        return new JournalVerification(r.entries(), r.firstIndex(), r.lastIndex(), r.superseded(), r.problems(),
                r.firstBadIndex());
    }

    /** Sends journal entries {@code from..to} to {@code sink} until it returns false. */
    public void dump(long from, long to, Predicate<JournalRecord> sink) {
        journal.replay(Math.max(1, from), to, e -> sink.test(new JournalRecord(e.index(), e.type(), e.schemaVersion(),
                e.timeNanos(), e.uid(), String.format("%08x", e.crc32c()),
                validJson(e.payload()))));
    }

    /** Bytes of every layer in the store, each counted once however many images share it. */
    public long layersSize() {
        long[] layers = {0};
        committed.scan(Families.LAYERS, "", io.cairn.engine.image.LayerRecord.class, (k, layer) -> {
            layers[0] += layer.size();
            return true;
        });
        return layers[0];
    }

    /** Index ↔ disk consistency: every problem, one line each. */
    public CheckReport check() {
        // waits for the background audit first, outside the quiesce (it may read the whole journal):
        // a check says whether the journal is sound, not "unknown yet"
        java.util.Optional<String> damage = audit.problem();
        return pipeline.quiesce(() -> {
            List<String> checked = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            long applied = store.lastApplied();
            long tail = journal.lastIndex();
            checked.add("journal: index applied " + applied + ", journal tail " + tail);
            if (applied != tail) {
                problems.add("index applied journal entry " + applied + " but the journal ends at " + tail);
            }
            checked.add("journal audit: " + (damage.isEmpty() ? "every entry sound" : "damaged"));
            damage.ifPresent(problems::add);
            checked.add("volumes: " + count(Families.VOLUMES) + " indexed");
            problems.addAll(volumes.check());
            problems.addAll(imageMaintenance.check(checked));
            checked.add("containers: " + count(Families.CONTAINERS) + " indexed");
            problems.addAll(containers.check());
            return new CheckReport(checked, problems);
        });
    }

    /** Drains the pipeline, journals a clean stop and closes journal and index. */
    @Override
    public void close() {
        try {
            if (pipeline.haltedBy() == null) {
                pipeline.execute(s -> Decision.of(null, new DaemonStopped(ProcessHandle.current().pid())), 0);
            }
        } finally {
            pipeline.close();
            closeQuietly(store);
            closeQuietly(journal);
        }
    }

    private static String validJson(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        return text.startsWith("{") ? text : "\"" + HexFormat.of().formatHex(payload) + "\"";
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warning("close failed: " + e);
        }
    }
}
