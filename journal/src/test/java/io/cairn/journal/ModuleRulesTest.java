package io.cairn.journal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The journal and storage never reach each other, and neither reaches the engine or the client: the
 * engine joins them (the pom's enforcer rule bans the jars).
 */
class ModuleRulesTest {

    private static final ArchRule JOURNAL = noClasses().that().resideInAPackage("io.cairn.journal..")
            .should().dependOnClassesThat().resideInAnyPackage("io.cairn.storage..", "io.cairn.engine..", "io.cairn.cli..");

    @Test
    void theJournalReachesNeitherTheStorageNorTheEngine() {
        JavaClasses main = new ClassFileImporter().importPath(Path.of("target/classes"));
        assertTrue(main.contain(Journal.class), "the journal's classes were imported");
        JOURNAL.check(main);
    }

    @Test
    void theRuleFailsOnAJournalClassThatReachesTheStorage() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> JOURNAL.check(new ClassFileImporter().importClasses(Violation.class)));
        assertTrue(e.getMessage().contains("io.cairn.storage.standin.StorageStandIn"), e.getMessage());
    }

    /** A journal class that uses the storage (never run). */
    static final class Violation {
        void run() {
            io.cairn.storage.standin.StorageStandIn.use();
        }
    }
}
