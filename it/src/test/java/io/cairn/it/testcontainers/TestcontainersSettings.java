package io.cairn.it.testcontainers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * Points Testcontainers at one Cairn daemon without reading or writing the user's
 * {@code ~/.testcontainers.properties}: Testcontainers takes that file's location from
 * {@code user.home} once, when its configuration class loads, so a home of the test's own holds the
 * settings ({@code docker.host}, {@code checks.disable}) and receives whatever Testcontainers would
 * persist. The reaper switch is read from the environment only ({@code TESTCONTAINERS_RYUK_DISABLED},
 * set by the cli pom's failsafe configuration, which also keeps the caller's {@code DOCKER_HOST} out).
 */
final class TestcontainersSettings {

    private TestcontainersSettings() {
    }

    /**
     * Makes Testcontainers' configuration read {@code home/.testcontainers.properties}, naming
     * {@code socket}. Must run before any other Testcontainers class is used in this JVM; the
     * configuration is a JVM-wide singleton, so one test class per JVM may use it.
     */
    static void pointAt(Path socket, Path home) throws IOException {
        if (!Boolean.parseBoolean(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            throw new IllegalStateException("TESTCONTAINERS_RYUK_DISABLED=true must be in the environment (cli/pom.xml"
                    + " failsafe): the reaper's image is not available offline");
        }
        Files.createDirectories(home);
        Files.writeString(home.resolve(".testcontainers.properties"), """
                docker.host=unix://%s
                checks.disable=true
                """.formatted(socket));
        String userHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            TestcontainersConfiguration.getInstance();
        } finally {
            System.setProperty("user.home", userHome);
        }
    }
}
