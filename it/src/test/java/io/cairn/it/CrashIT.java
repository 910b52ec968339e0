package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.cairn.cli.client.ApiClient;
import io.cairn.cli.client.DaemonUnavailableException;
import io.cairn.it.reliability.Invariants;
import io.cairn.api.CairnException;
import io.cairn.api.VolumeCreateRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGKILLs a daemon at random moments (fixed seeds) under a stream of volume operations from
 * concurrent clients, restarts it, and asserts what CLI.md promises: every acknowledged operation is
 * present, the state digest equals the digest after {@code journal rebuild}, the journal verifies and
 * {@code system check} passes ({@link Invariants}, which the crash matrix
 * of {@code reliability.CrashMatrixIT} shares). Some rounds also kill the daemon while it recovers.
 */
class CrashIT {

    private static final int ROUNDS = 20;
    private static final int CLIENTS = 3;

    /** What the clients were told: name → exists, for acknowledged operations only. */
    private final Map<String, Boolean> acknowledged = new ConcurrentHashMap<>();
    /** Names with an operation in flight when the daemon died: either outcome is allowed. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong acks = new AtomicLong();

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void killNineLosesNothingAcknowledged() throws Exception {
        try (Cairn cairn = new Cairn()) {
            for (int round = 0; round < ROUNDS; round++) {
                Random random = new Random(20_261_126L + round);
                if (round % 5 == 4) {
                    killDuringRecovery(cairn, random);
                }
                Process daemon = cairn.startDaemon();
                ApiClient client = new ApiClient(cairn.root(), false);
                verify(client, round);
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    int id = c;
                    long seed = random.nextLong();
                    clients.add(new Thread(() -> operate(client, "r" + roundTag(id), seed), "client-" + id));
                }
                clients.forEach(Thread::start);
                Thread.sleep(150 + random.nextInt(1200));
                daemon.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                for (Thread t : clients) {
                    t.join(30_000);
                }
            }
            cairn.startDaemon();
            verify(new ApiClient(cairn.root(), false), ROUNDS);
            assertTrue(acks.get() > ROUNDS * 10L, "the clients got " + acks.get() + " acknowledgements");
            System.out.printf("CrashIT: %d rounds, %d acknowledged operations, %d volumes at the end%n",
                    ROUNDS, acks.get(), acknowledged.values().stream().filter(b -> b).count());
        }
    }

    private static String roundTag(int client) {
        return client + "-" + Long.toHexString(System.nanoTime());
    }

    /** One client: creates fresh volumes and removes some of its own, sequentially, until the daemon dies. */
    private void operate(ApiClient client, String prefix, long seed) {
        Random random = new Random(seed);
        List<String> mine = new ArrayList<>();
        for (int i = 0; ; i++) {
            boolean remove = !mine.isEmpty() && random.nextInt(3) == 0;
            String name = remove ? mine.remove(random.nextInt(mine.size())) : prefix + "-" + i;
            inFlight.add(name);
            try {
                if (remove) {
                    client.delete("/volumes/" + name);
                } else {
                    client.post("/volumes/create", new VolumeCreateRequest(name, null, null, Map.of("seed", "x")),
                            JsonNode.class);
                    mine.add(name);
                }
                acknowledged.put(name, !remove);
                inFlight.remove(name);
                acks.incrementAndGet();
            } catch (DaemonUnavailableException | CairnException gone) {
                return; // the daemon died under us: this operation stays in flight
            }
        }
    }

    private void killDuringRecovery(Cairn cairn, Random random) throws Exception {
        ProcessBuilder daemon = new ProcessBuilder(Cairn.LAUNCHER.toString(), "--root", cairn.root().toString(), "daemon");
        daemon.environment().put("CAIRN_BRIDGE", cairn.bridge());
        Process p = daemon
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(cairn.root().resolve("daemon.log").toFile()))
                .start();
        Thread.sleep(100 + random.nextInt(900));
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    private void verify(ApiClient client, int round) throws java.io.IOException {
        Set<String> present = new HashSet<>();
        client.get("/volumes").path("Volumes").forEach(v -> present.add(v.path("Name").asText()));
        acknowledged.forEach((name, exists) -> {
            if (!inFlight.contains(name)) {
                assertEquals(exists, present.contains(name), "round " + round + ": acknowledged state of volume " + name);
            }
        });
        for (String name : inFlight) {
            acknowledged.put(name, present.contains(name)); // settled by the restart, either way
        }
        inFlight.clear();

        Invariants.assertHold(client.root(), client, "round " + round);
    }
}
