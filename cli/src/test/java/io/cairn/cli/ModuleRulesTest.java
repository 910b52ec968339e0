package io.cairn.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The client never reaches the engine's implementation: no cli class depends on the engine, storage
 * or journal, RocksDB, Chronicle or Jetty (the pom's enforcer rule bans their jars), nor does any of
 * its tests (the integration tests that drive the whole system are the it module). The client's packages form no cycle: commands depend on the leaf
 * package {@code command}, never on the composition root that lists them.
 */
class ModuleRulesTest {

    private static final String[] ENGINE_SIDE = {"io.cairn.engine..", "io.cairn.storage..", "io.cairn.journal..",
        "org.rocksdb..", "net.openhft..", "org.eclipse.jetty.."};

    private static final ArchRule CLIENT = noClasses().that().resideInAPackage("io.cairn.cli..")
            .and().haveNameNotMatching("io\\.cairn\\.cli\\.ModuleRulesTest\\$Violation")
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE_SIDE);

    @Test
    void theClientReachesNothingOfTheEngine() {
        JavaClasses main = new ClassFileImporter().importPath(Path.of("target/classes"));
        assertTrue(main.contain(Main.class), "the client's classes were imported");
        CLIENT.check(main);
    }

    @Test
    void theClientsTestsReachNothingOfTheEngine() {
        CLIENT.check(new ClassFileImporter().importPath(Path.of("target/test-classes")));
    }

    @Test
    void theRuleFailsOnAClientClassThatReachesTheEngine() {
        ArchRule unexcused = noClasses().that().resideInAPackage("io.cairn.cli..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE_SIDE);
        AssertionError e = assertThrows(AssertionError.class,
                () -> unexcused.check(new ClassFileImporter().importClasses(Violation.class)));
        assertTrue(e.getMessage().contains("io.cairn.engine.ruleprobe.Forbidden"), e.getMessage());
    }

    /** Each package of the client, the root package (the composition root, Main) too, is one slice. */
    private static final ArchRule NO_CYCLE = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices()
            .matching("io.cairn.(**)").should().beFreeOfCycles();

    @Test
    void theClientsPackagesFormNoCycle() {
        NO_CYCLE.check(new ClassFileImporter().importPath(Path.of("target/classes")));
    }

    @Test
    void theNoCycleRuleFailsOnACycle() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> NO_CYCLE.check(new ClassFileImporter().importPackages("io.cairn.cli.cyclefixture")));
        assertTrue(e.getMessage().contains("Cycle detected"), e.getMessage());
    }

    /** A client class that calls into the engine's namespace (never run). */
    static final class Violation {
        int run() {
            return io.cairn.engine.ruleprobe.Forbidden.call();
        }
    }
}
