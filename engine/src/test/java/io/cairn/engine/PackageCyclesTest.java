package io.cairn.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import com.tngtech.archunit.lang.ArchRule;
import io.cairn.engine.cyclefixture.alpha.Alpha;
import io.cairn.engine.cyclefixture.beta.Beta;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The package structure the build holds: no cycle between any two packages of the engine (each
 * package, sub-packages included, is a node of its own, the root package too), nor of the modules
 * it is built on; and only what drives the engine (its entry points, the daemon and its HTTP API)
 * reaches its composition root. Test code is left out: a test may reach across.
 */
class PackageCyclesTest {

    private static JavaClasses engine;

    /** The main classes of the module {@code anchor} is in: its classes directory or jar, nothing else. */
    private static JavaClasses moduleOf(Class<?> anchor) {
        try {
            Path where = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(where)) {
                return new ClassFileImporter().importPath(where);
            }
            try (JarFile jar = new JarFile(where.toFile())) {
                return new ClassFileImporter().importJar(jar);
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot read the classes of " + anchor, e);
        }
    }

    private static synchronized JavaClasses engine() {
        if (engine == null) {
            engine = moduleOf(Engine.class);
        }
        return engine;
    }

    /** Every package under {@code prefix} (and {@code prefix} itself) is one slice. */
    static ArchRule freeOfCycles(String prefix) {
        return SlicesRuleDefinition.slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                if (p.equals(prefix)) {
                    return SliceIdentifier.of("(" + prefix + ")");
                }
                return p.startsWith(prefix + ".") ? SliceIdentifier.of(p.substring(prefix.length() + 1))
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + prefix;
            }
        }).should().beFreeOfCycles();
    }

    @Test
    void enginePackagesFormNoCycle() {
        freeOfCycles("io.cairn.engine").check(engine());
    }

    /** The root package (Engine, Projections) may use every domain; only what drives the engine uses it. */
    @Test
    void onlyTheEntryPointsTheDaemonAndItsApiReachTheCompositionRoot() {
        classes().that().resideInAPackage("io.cairn.engine")
                .should().onlyHaveDependentClassesThat()
                .resideInAnyPackage("io.cairn.engine", "io.cairn.engine.main..", "io.cairn.engine.daemon..",
                        "io.cairn.engine.http..")
                .check(engine());
    }

    @Test
    void thePackagesOfTheModulesBelowTheEngineFormNoCycle() {
        freeOfCycles("io.cairn.journal").check(moduleOf(io.cairn.journal.Journal.class));
        freeOfCycles("io.cairn.storage").check(moduleOf(io.cairn.storage.digest.Digest.class));
        freeOfCycles("io.cairn.dockerfile").check(moduleOf(io.cairn.dockerfile.Word.class));
        // api is one package: nothing to check until it has more
    }

    @Test
    void aCycleFailsTheRuleNamingItsPackages() {
        AssertionError e = assertThrows(AssertionError.class, () -> freeOfCycles("io.cairn.engine")
                .check(new ClassFileImporter().importClasses(Alpha.class, Beta.class)));
        assertTrue(e.getMessage().replaceAll("\\s+", " ").contains("Cycle detected: Slice cyclefixture.alpha ->"
                + " Slice cyclefixture.beta -> Slice cyclefixture.alpha"), e.getMessage());
    }
}
