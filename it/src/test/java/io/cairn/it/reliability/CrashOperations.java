package io.cairn.it.reliability;

import io.cairn.it.Scratch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * The operations of issue 10's crash matrix: import, load, save, build, create, start, stop, rm,
 * commit, rmi, prune, volume rm. For each: what an acknowledged trial must have left after the kill.
 */
final class CrashOperations {

    private CrashOperations() {
    }

    static List<CrashOperation> all() {
        return List.of(op("import", CrashOperations::importTrial), op("load", CrashOperations::loadTrial),
                op("save", CrashOperations::saveTrial), op("build", CrashOperations::buildTrial),
                op("create", CrashOperations::createTrial), op("start", CrashOperations::startTrial),
                op("stop", CrashOperations::stopTrial), op("rm", CrashOperations::rmTrial),
                op("commit", CrashOperations::commitTrial), op("rmi", CrashOperations::rmiTrial),
                op("prune", CrashOperations::pruneTrial), op("volume rm", CrashOperations::volumeRmTrial));
    }

    private interface Preparer {
        CrashOperation.Trial prepare(CrashOperation.Env env, int trial, Random random) throws Exception;
    }

    private static CrashOperation op(String name, Preparer preparer) {
        return new CrashOperation() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Trial prepare(Env env, int trial, Random random) throws Exception {
                return preparer.prepare(env, trial, random);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** A trial whose clean-up removes images and containers by reference, whichever exist. */
    private abstract static class Base implements CrashOperation.Trial {
        final List<String> images;
        final List<String> containers;

        Base(List<String> images, List<String> containers) {
            this.images = images;
            this.containers = containers;
        }

        @Override
        public void cleanUp(Api api) throws Exception {
            for (String c : containers) {
                if (api.container(c).isPresent()) {
                    api.remove(c, true);
                }
            }
            for (String i : images) {
                if (api.image(i).isPresent()) {
                    api.rmi(i, true);
                }
            }
        }
    }

    private static String imageId(Api api, String ref) {
        return api.image(ref).map(i -> i.path("Id").asText()).orElse("(none)");
    }

    private static String status(Api api, String container) {
        return api.container(container).map(c -> c.path("State").path("Status").asText()).orElse("(none)");
    }

    // ---- images

    private static CrashOperation.Trial importTrial(CrashOperation.Env env, int trial, Random random) throws Exception {
        Path tar = Inputs.randomRootfs(env.work().resolve("imp-" + trial + ".tar"), random, 256 << 10);
        String ref = "imp:" + trial;
        return new Base(List.of(ref), List.of()) {
            String id;

            @Override
            public void run(Api api) throws Exception {
                id = api.importTar(tar, ref);
            }

            @Override
            public void verify(Api api, boolean acknowledged) {
                if (acknowledged) {
                    assertEquals(id, imageId(api, ref), "acknowledged import of " + ref);
                }
            }

            @Override
            public void cleanUp(Api api) throws Exception {
                super.cleanUp(api);
                deleteQuietly(tar);
            }
        };
    }

    private static CrashOperation.Trial loadTrial(CrashOperation.Env env, int trial, Random random) throws Exception {
        String ref = "ld:" + trial;
        Path tar = Inputs.randomRootfs(env.work().resolve("ld-" + trial + ".tar"), random, 256 << 10);
        String id = env.api().importTar(tar, ref);
        Path archive = env.work().resolve("ld-" + trial + ".saved.tar");
        Files.write(archive, env.api().save(ref));
        env.api().rmi(ref, false); // its blobs and layer go: the load has them to write again
        Files.delete(tar);
        return new Base(List.of(ref), List.of()) {
            List<String> loaded;

            @Override
            public void run(Api api) throws Exception {
                loaded = api.load(archive);
            }

            @Override
            public void verify(Api api, boolean acknowledged) {
                if (acknowledged) {
                    assertEquals(List.of("Loaded image: " + ref), loaded, "what the acknowledged load of " + ref + " said");
                    assertEquals(id, imageId(api, ref), "acknowledged load of " + ref);
                }
            }

            @Override
            public void cleanUp(Api api) throws Exception {
                super.cleanUp(api);
                deleteQuietly(archive);
            }
        };
    }

    private static CrashOperation.Trial saveTrial(CrashOperation.Env env, int trial, Random random) {
        return new Base(List.of(), List.of()) {
            byte[] saved;

            @Override
            public void run(Api api) {
                saved = api.save(env.base());
            }

            @Override
            public void verify(Api api, boolean acknowledged) {
                if (acknowledged) {
                    // saves are deterministic: a save the client took as complete is byte for byte the reference
                    assertArrayEquals(env.savedBase(), saved, "acknowledged save of " + env.base() + " ("
                            + saved.length + " bytes, the whole archive has " + env.savedBase().length + ")");
                }
            }
        };
    }

    private static CrashOperation.Trial buildTrial(CrashOperation.Env env, int trial, Random random) throws Exception {
        Path context = Inputs.context(env.work().resolve("ctx-" + trial), random, 128 << 10);
        String tag = "bld:" + trial;
        // distinct content per trial: nothing is cached, every step runs (COPY stages, RUN runs a container)
        String dockerfile = "FROM " + env.base() + "\nCOPY f /f\nRUN cat /f /f > /g\n";
        return new Base(List.of(tag), List.of()) {
            String id;

            @Override
            public void run(Api api) {
                id = api.build(context, dockerfile, tag);
            }

            @Override
            public void verify(Api api, boolean acknowledged) {
                if (acknowledged) {
                    assertEquals(id, imageId(api, tag), "acknowledged build of " + tag);
                }
            }

            @Override
            public void cleanUp(Api api) throws Exception {
                super.cleanUp(api);
                api.client().post("/build/prune", null, JsonNode.class);
                Scratch.delete(context);
            }
        };
    }

    // ---- containers

    private static final List<String> SLEEP = List.of("sleep", "1000");

    private static CrashOperation.Trial createTrial(CrashOperation.Env env, int trial, Random random) {
        String name = "cr-" + trial;
        return new Base(List.of(), List.of(name)) {
            String id;

            @Override
            public void run(Api api) {
                id = api.create(env.base(), name, SLEEP);
            }

            @Override
            public void verify(Api api, boolean acknowledged) {
                Optional<JsonNode> c = api.container(name);
                if (acknowledged) {
                    assertEquals(id, c.map(j -> j.path("Id").asText()).orElse("(none)"), "acknowledged create of " + name);
                }
                c.ifPresent(j -> assertEquals("created", j.path("State").path("Status").asText(), name));
            }
        };
    }

    private static CrashOperation.Trial startTrial(CrashOperation.Env env, int trial, Random random) {
        String name = "st-" + trial;
        String id = env.api().create(env.base(), name, SLEEP);
        return new Base(List.of(), List.of(name)) {
            @Override
            public void run(Api api) {
                api.start(id);
            }

            @Override
            public void verify(Api api, boolean acknowledged) {
                if (acknowledged) {
                    assertEquals("running", status(api, id), "acknowledged start of " + name);
                }
            }
        };
    }

    private static CrashOperation.Trial stopTrial(CrashOperation.Env env, int trial, Random random) {
        String name = "sp-" + trial;
        String id = env.api().create(env.base(), name, List.of("sh", "-c", "trap 'exit 3' TERM; sleep 1000 & wait"));
        env.api().start(id);
        return new Base(List.of(), List.of(name)) {
            @Override
            public void run(Api api) {
                api.stop(id, 2);
            }

            @Override
            public void verify(Api api, boolean acknowledged) {
                if (acknowledged) {
                    assertEquals("exited", status(api, id), "acknowledged stop of " + name);
                }
            }
        };
    }

    private static CrashOperation.Trial rmTrial(CrashOperation.Env env, int trial, Random random) {
        String name = "rm-" + trial;
        String id = env.api().create(env.base(), name, SLEEP);
        if (random.nextBoolean()) {
            env.api().start(id);
        }
        return new Base(List.of(), List.of(name)) {
            @Override
            public void run(Api api) {
                api.remove(id, true);
            }

            @Override
            public void verify(Api api, boolean acknowledged) {
                if (acknowledged) {
                    assertEquals("(none)", status(api, id), "acknowledged rm -f of " + name);
                    assertFalse(Files.exists(env.root().resolve("containers").resolve(id)),
                            "directory of the container removed by an acknowledged rm -f " + name);
                }
            }
        };
    }

    private static CrashOperation.Trial commitTrial(CrashOperation.Env env, int trial, Random random) {
        String name = "cm-" + trial;
        String ref = "cmi:" + trial;
        String id = env.api().create(env.base(), name, List.of("sh", "-c", "head -c 262144 /dev/urandom > /r"));
        env.api().start(id);
        assertEquals(0, env.api().await(id), "the container to commit, " + name);
        return new Base(List.of(ref), List.of(name)) {
            String image;

            @Override
            public void run(Api api) {
                image = api.commit(id, ref);
            }

            @Override
            public void verify(Api api, boolean acknowledged) {
                if (acknowledged) {
                    assertEquals(image, imageId(api, ref), "acknowledged commit of " + name + " as " + ref);
                }
            }
        };
    }

    private static CrashOperation.Trial rmiTrial(CrashOperation.Env env, int trial, Random random) throws Exception {
        String ref = "rmi:" + trial;
        Path tar = Inputs.randomRootfs(env.work().resolve("rmi-" + trial + ".tar"), random, 64 << 10);
        String id = env.api().importTar(tar, ref);
        Files.delete(tar);
        return new Base(List.of(ref), List.of()) {
            @Override
            public void run(Api api) {
                api.rmi(ref, false);
            }

            @Override
            public void verify(Api api, boolean acknowledged) {
                if (acknowledged) {
                    assertEquals("(none)", imageId(api, ref), "acknowledged rmi of " + ref);
                    assertEquals("(none)", imageId(api, id), "image of the acknowledged rmi of " + ref);
                }
            }
        };
    }

    private static CrashOperation.Trial pruneTrial(CrashOperation.Env env, int trial, Random random) throws Exception {
        List<String> dangling = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path tar = Inputs.randomRootfs(env.work().resolve("pr-" + trial + "-" + i + ".tar"), random, 64 << 10);
            dangling.add(env.api().importTar(tar, null));
            Files.delete(tar);
        }
        return new Base(dangling, List.of()) {
            @Override
            public void run(Api api) {
                api.prune();
            }

            @Override
            public void verify(Api api, boolean acknowledged) {
                if (acknowledged) {
                    for (String id : dangling) {
                        assertEquals("(none)", imageId(api, id), "dangling image after an acknowledged prune");
                    }
                }
            }
        };
    }

    // ---- volumes

    private static CrashOperation.Trial volumeRmTrial(CrashOperation.Env env, int trial, Random random) throws Exception {
        String name = "vr-" + trial;
        env.api().volumeCreate(name);
        Path dir = env.root().resolve("volumes").resolve(name);
        for (int i = 0; i < 32; i++) {
            byte[] data = new byte[8 << 10];
            random.nextBytes(data);
            Files.write(dir.resolve("f" + i), data);
        }
        return new CrashOperation.Trial() {
            @Override
            public void run(Api api) {
                api.volumeRemove(name);
            }

            @Override
            public void verify(Api api, boolean acknowledged) {
                boolean exists = api.volumeExists(name);
                if (acknowledged) {
                    assertFalse(exists, "volume of an acknowledged volume rm " + name);
                    assertFalse(Files.exists(dir), "directory of an acknowledged volume rm " + name);
                }
                if (exists) { // the removal was not decided: not one file may be gone
                    for (int i = 0; i < 32; i++) {
                        assertTrue(Files.isRegularFile(dir.resolve("f" + i)), "file f" + i + " of volume " + name);
                    }
                }
            }

            @Override
            public void cleanUp(Api api) {
                if (api.volumeExists(name)) {
                    api.volumeRemove(name);
                }
            }
        };
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
            // scratch space: the test's directory goes at the end
        }
    }
}
