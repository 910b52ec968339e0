package io.cairn.engine.runtime.spec;

import io.cairn.testing.Tools;
import java.nio.file.Files;
import java.nio.file.Path;

/** The containers-common profile the tests translate: the installed one, else a copy in test resources. */
public final class SeccompFixtures {

    private SeccompFixtures() {
    }

    public static Path profile() {
        return Tools.requireFile(SpecGenerator.CONTAINERS_SECCOMP, "apt-get install -y golang-github-containers-common");
    }
}
