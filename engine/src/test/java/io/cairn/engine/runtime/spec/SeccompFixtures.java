package io.cairn.engine.runtime.spec;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The containers-common profile the tests translate: the installed one, else a copy in test resources. */
public final class SeccompFixtures {

    private SeccompFixtures() {
    }

    public static Path profile() {
        Path installed = SpecGenerator.CONTAINERS_SECCOMP;
        if (Files.isRegularFile(installed)) {
            return installed;
        }
        Assumptions.abort("no " + installed + " (install golang-github-containers-common)");
        return installed;
    }
}
