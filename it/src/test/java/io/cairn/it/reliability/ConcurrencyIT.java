package io.cairn.it.reliability;

import io.cairn.it.Scratch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairn.api.CairnException;
import io.cairn.api.ConflictException;
import io.cairn.api.NotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, B4: {@value #CLIENTS} clients on the unix socket at once, each running builds, runs,
 * commits, tags, rmi and prune on a few shared tags. Afterwards: no lost update (each shared tag
 * exists exactly when the acknowledged operations say it must: set by an acknowledged build, commit
 * or tag that no acknowledged rmi followed, or removed by an acknowledged rmi that no acknowledged
 * set followed; overlapping operations may go either way), only the documented conflicts of
 * {@link #ACCEPTED}, and consistent indexes ({@link Invariants}, {@link Leaks}).
 */
class ConcurrencyIT {

    private static final int CLIENTS = 6;
    private static final int TAGS = 3;

    /**
     * The refusals a client may get when another client's operation won a race, as Docker words
     * them; anything else fails the test.
     */
    static final List<Pattern> ACCEPTED = List.of(
            // the image or tag was removed by a concurrent rmi (or pruned once untagged)
            Pattern.compile("No such image: .*"),
            // rmi of an image a container (a concurrent run or commit's container) still uses
            Pattern.compile("conflict: unable to (remove repository reference|delete) .*"),
            Pattern.compile(".*image is being used by (a running|stopped)? ?container.*"));

    /** One acknowledged change of a shared tag: when its request began and when it was acknowledged. */
    private record Change(boolean sets, long begin, long ack) {
    }

    private final Map<String, List<Change>> changes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> conflicts = new ConcurrentHashMap<>();

    @Test
    void clientsRaceOnSharedImages() throws Exception {
        int opsPerClient = Trials.rounds(20);
        try (ScrubbedRoot scrubbed = new ScrubbedRoot()) {
            Path root = scrubbed.root();
            scrubbed.cairn().startDaemon();
            Api setup = new Api(root);
            Path work = Files.createTempDirectory("cairn-conc-");
            try {
                setup.importTar(Inputs.busybox(work.resolve("bb.tar")), "bb");
                for (int t = 0; t < TAGS; t++) {
                    setup.tag("bb", "shared", Integer.toString(t));
                    record("shared:" + t, new Change(true, 0, 0));
                }
                AtomicReference<Throwable> failure = new AtomicReference<>();
                List<Thread> threads = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int client = c;
                    Path context = Files.createDirectories(work.resolve("ctx-" + c));
                    threads.add(new Thread(() -> {
                        Api api = new Api(root); // a connection per request, as every CLI process has
                        Random random = new Random(20_261_207L + client);
                        try {
                            for (int i = 0; i < opsPerClient && failure.get() == null; i++) {
                                operate(api, random, client + "-" + i, context);
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }, "client-" + c));
                }
                threads.forEach(Thread::start);
                for (Thread t : threads) {
                    t.join(TimeUnit.MINUTES.toMillis(15));
                    assertFalse(t.isAlive(), t.getName() + " still runs after 15 minutes");
                }
                if (failure.get() != null) {
                    throw new AssertionError("a client failed: " + failure.get(), failure.get());
                }

                for (int t = 0; t < TAGS; t++) {
                    String tag = "shared:" + t;
                    boolean exists = setup.image(tag).isPresent();
                    List<Change> log = changes.get(tag);
                    boolean mayExist = log.stream().anyMatch(s -> s.sets() && log.stream()
                            .noneMatch(r -> !r.sets() && r.begin() > s.ack()));
                    boolean mayBeGone = log.stream().anyMatch(r -> !r.sets() && log.stream()
                            .noneMatch(s -> s.sets() && s.begin() > r.ack()));
                    assertTrue(exists ? mayExist : mayBeGone, tag + (exists ? " exists" : " is gone")
                            + " against its acknowledged history " + log);
                }
                assertEquals(List.of(), setup.containers().stream().map(c -> c.path("Names").toString()).toList(),
                        "every run removed its container");
                assertEquals(List.of(), Leaks.settle(root, setup, 20), "leaked");
                Invariants.assertHold(root, setup.client(), "after " + CLIENTS + " clients");
                System.out.printf("ConcurrencyIT: %d clients, %d operations %s; accepted conflicts %s;"
                        + " no lost update, indexes consistent%n", CLIENTS, CLIENTS * opsPerClient, counts, conflicts);
            } finally {
                Scratch.delete(work);
            }
        }
    }

    /** One random operation of client {@code name}; a refusal outside {@link #ACCEPTED} fails the test. */
    private void operate(Api api, Random random, String name, Path context) throws Exception {
        String tag = "shared:" + random.nextInt(TAGS);
        int pick = random.nextInt(100);
        String kind = pick < 15 ? "build" : pick < 35 ? "run" : pick < 45 ? "commit" : pick < 70 ? "tag"
                : pick < 90 ? "rmi" : "prune";
        counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        long begin = System.nanoTime();
        try {
            switch (kind) {
                case "build" -> {
                    Files.writeString(context.resolve("f"), name + random.nextLong());
                    api.build(context, "FROM bb\nCOPY f /f\nRUN cat /f > /g\n", tag);
                    record(tag, new Change(true, begin, System.nanoTime()));
                }
                case "run" -> {
                    String id = api.create(random.nextBoolean() ? "bb" : tag, "run-" + name, List.of("true"));
                    try {
                        api.start(id);
                        api.await(id);
                    } finally {
                        api.remove(id, true);
                    }
                }
                case "commit" -> {
                    String id = api.create("bb", "commit-" + name, List.of("sh", "-c", "echo " + name + " > /c"));
                    try {
                        api.start(id);
                        api.await(id);
                        begin = System.nanoTime();
                        api.commit(id, tag);
                        record(tag, new Change(true, begin, System.nanoTime()));
                    } finally {
                        api.remove(id, true);
                    }
                }
                case "tag" -> {
                    String source = random.nextBoolean() ? "bb" : "shared:" + random.nextInt(TAGS);
                    api.tag(source, "shared", tag.substring("shared:".length()));
                    record(tag, new Change(true, begin, System.nanoTime()));
                }
                case "rmi" -> {
                    api.rmi(tag, false);
                    record(tag, new Change(false, begin, System.nanoTime()));
                }
                default -> api.prune();
            }
        } catch (NotFoundException | ConflictException e) {
            accept(kind, e);
        } catch (CairnException e) {
            // streamed answers (build) carry their error as text: the same list applies
            accept(kind, e);
        }
    }

    private void accept(String kind, CairnException e) {
        String message = String.valueOf(e.getMessage());
        if (ACCEPTED.stream().noneMatch(p -> p.matcher(message).matches())) {
            throw new AssertionError(kind + " refused outside the documented conflicts: " + e.getClass().getSimpleName()
                    + ": " + message, e);
        }
        conflicts.computeIfAbsent(kind + ": " + message.replaceAll("[0-9a-f]{12,}|shared:\\d|[a-z]+-\\d+-\\d+", "…"),
                k -> new AtomicInteger()).incrementAndGet();
    }

    private void record(String tag, Change change) {
        changes.computeIfAbsent(tag, t -> java.util.Collections.synchronizedList(new ArrayList<>())).add(change);
    }
}
