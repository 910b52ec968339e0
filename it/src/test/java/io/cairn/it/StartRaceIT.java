package io.cairn.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Concurrent requests on one container through the API (unix socket, curl), with real conmon and
 * runc: the pipeline decides which start runs the container, so racing starts give one 204 and
 * 304s, and start racing rm or stop gives Docker's answers (204, 304, 404, 409 with a message),
 * never a 500, a container left {@code Exited (126)}, a mount or a process behind.
 */
class StartRaceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 4;
    private static final int ROUNDS = 3;
    private static Cairn cairn;
    private static ExecutorService pool;

    @BeforeAll
    static void setUp() throws Exception {
        cairn = new Cairn();
        pool = Executors.newFixedThreadPool(CLIENTS + 1);
        cairn.startDaemon(); // waits longer than a command's auto-start, for a loaded machine
        BusyboxImage.importAs(cairn, "bb");
    }

    @AfterAll
    static void tearDown() throws Exception {
        try {
            pool.shutdownNow();
            for (String id : cairn.run("ps", "-a", "-q").lines()) {
                cairn.run("rm", "-f", id);
            }
            assertEquals(List.of(), BusyboxImage.leftovers(cairn));
        } finally {
            cairn.close();
        }
    }

    @AfterEach
    void removeContainers() throws Exception {
        for (String id : cairn.run("ps", "-a", "-q").lines()) {
            cairn.run("rm", "-f", id).ok();
        }
    }

    /** One HTTP answer: status and body. */
    record Answer(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static Answer api(String method, String path) throws Exception {
        Exec.Result r = Exec.run(List.of("curl", "-sS", "--unix-socket", cairn.root().resolve("cairn.sock").toString(),
                "-X", method, "-o", "-", "-w", "\n%{http_code}", "http://cairn" + path));
        assertEquals(0, r.exit(), r.toString());
        int cut = r.out().lastIndexOf('\n');
        return new Answer(Integer.parseInt(r.out().substring(cut + 1).trim()), r.out().substring(0, cut));
    }

    /** Runs the calls at once (released together by a latch) and returns their answers in order. */
    @SafeVarargs
    private static List<Answer> together(Callable<Answer>... calls) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (Callable<Answer> call : calls) {
            futures.add(pool.submit(() -> {
                go.await();
                return call.call();
            }));
        }
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            answers.add(f.get());
        }
        return answers;
    }

    private static JsonNode state(String id) throws Exception {
        return JSON.readTree(cairn.run("inspect", id).ok().out()).get(0).path("State");
    }

    private static String create(String... cmd) throws Exception {
        List<String> args = new ArrayList<>(List.of("create", "bb"));
        args.addAll(List.of(cmd));
        return cairn.run(args.toArray(String[]::new)).ok().out().trim();
    }

    @Test
    void concurrentStartsStartTheContainerOnce() throws Exception {
        String id = create("sleep", "300");
        for (int round = 0; round < ROUNDS; round++) {
            Callable<Answer> start = () -> api("POST", "/containers/" + id + "/start");
            List<Answer> answers = together(start, start, start, start);
            assertEquals(1, answers.stream().filter(a -> a.status() == 204).count(), "round " + round + ": " + answers);
            assertEquals(CLIENTS - 1, answers.stream().filter(a -> a.status() == 304).count(), "round " + round + ": " + answers);
            JsonNode st = state(id);
            assertEquals("running", st.path("Status").asText(), st.toString());
            long pid = st.path("Pid").asLong();
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " runs");
            assertEquals(304, api("POST", "/containers/" + id + "/start").status(), "a later start: already started");
            assertEquals(204, api("POST", "/containers/" + id + "/stop?t=0").status());
            assertEquals(304, api("POST", "/containers/" + id + "/stop?t=0").status(), "already stopped");
            assertEquals("exited", state(id).path("Status").asText());
        }
        List<String> starts = cairn.run("events", "--since", "0", "--until", "0s", "--filter", "container=" + id,
                "--filter", "event=start", "--format", "json").ok().lines();
        assertEquals(ROUNDS, starts.size(), "one start event per round: " + starts);
    }

    @Test
    void startRacingRmEndsInOneOfDockersOutcomes() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = create("sleep", "300");
            List<Answer> answers = together(() -> api("POST", "/containers/" + id + "/start"),
                    () -> api("DELETE", "/containers/" + id));
            Answer start = answers.get(0);
            Answer rm = answers.get(1);
            if (start.status() == 204) {
                // the start was decided first: rm finds it starting or running and refuses
                assertEquals(409, rm.status(), answers.toString());
                assertTrue(rm.body().contains("container is running") || rm.body().contains("container is starting"),
                        rm.body());
                assertEquals("running", state(id).path("Status").asText());
            } else {
                // the removal was decided first: the start finds no container
                assertEquals(List.of(404, 204), List.of(start.status(), rm.status()), answers.toString());
                assertTrue(start.body().contains("No such container"), start.body());
                assertEquals(List.of(), cairn.run("ps", "-a", "-q", "--no-trunc").lines());
            }
            cairn.run("rm", "-f", id);
            assertEquals(List.of(), BusyboxImage.leftovers(cairn), "round " + round);
        }
    }

    @Test
    void startRacingForcedRmRemovesTheContainer() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = create("sleep", "300");
            List<Answer> answers = together(() -> api("POST", "/containers/" + id + "/start"),
                    () -> api("DELETE", "/containers/" + id + "?force=1"));
            assertEquals(204, answers.get(1).status(), answers.toString());
            assertTrue(answers.get(0).status() == 204 || answers.get(0).status() == 404, answers.toString());
            assertEquals(List.of(), cairn.run("ps", "-a", "-q").lines(), "rm -f won in the end");
            assertEquals(List.of(), BusyboxImage.leftovers(cairn), "round " + round);
        }
    }

    @Test
    void startRacingStopEndsConsistently() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String id = create("sleep", "300");
            List<Answer> answers = together(() -> api("POST", "/containers/" + id + "/start"),
                    () -> api("POST", "/containers/" + id + "/stop?t=1"));
            assertEquals(204, answers.get(0).status(), answers.toString());
            Answer stop = answers.get(1);
            JsonNode st = state(id);
            if (stop.status() == 204) {
                // stop waited for the start, then stopped it: SIGTERM to sleep as pid 1 is ignored, so SIGKILL
                assertEquals("exited", st.path("Status").asText(), answers + " " + st);
                assertEquals(137, st.path("ExitCode").asInt(), st.toString());
            } else {
                // stop was decided before the start: nothing to stop, and the container runs
                assertEquals(304, stop.status(), answers.toString());
                assertEquals("running", st.path("Status").asText(), answers + " " + st);
            }
            cairn.run("rm", "-f", id).ok();
            assertEquals(List.of(), BusyboxImage.leftovers(cairn), "round " + round);
        }
    }
}
