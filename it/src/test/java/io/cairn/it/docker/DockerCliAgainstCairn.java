package io.cairn.it.docker;

import io.cairn.it.BusyboxImage;
import io.cairn.it.Cairn;
import io.cairn.it.Scratch;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What the conformance ITs share: a scratch directory, a daemon on a root in it with the busybox
 * image as {@code bb}, and the stock docker CLI pointed at its socket with a config directory of
 * its own; all stopped and deleted after the class. {@link #beforeDaemon} lets a subclass start
 * what the daemon needs first (a registry); a subclass's {@code @AfterAll} runs before this one's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DockerCliAgainstCairn {

    protected Path work;
    protected Cairn cairn;
    protected DockerCli docker;

    @BeforeAll
    void startDaemonAndCli() throws Exception {
        work = Files.createTempDirectory(Path.of("/tmp"), "cairn-docker-" + getClass().getSimpleName() + "-");
        beforeDaemon();
        cairn = new Cairn(work.resolve("root"));
        cairn.startDaemon();
        docker = new DockerCli(cairn, Files.createDirectories(work.resolve("docker-config")));
        BusyboxImage.importAs(cairn, "bb");
    }

    /** Runs in {@link #work} before the daemon starts; nothing by default. */
    protected void beforeDaemon() throws Exception {
    }

    @AfterAll
    void stopDaemonAndDeleteTheScratch() throws Exception {
        try (Cairn c = cairn) {
            // stops the daemon, removes its containers
        } finally {
            if (work != null) {
                Scratch.delete(work);
            }
        }
    }
}
