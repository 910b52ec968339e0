package io.cairn.storage;

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

    private static final ArchRule STORAGE = noClasses().that().resideInAPackage("io.cairn.storage..")
            .should().dependOnClassesThat().resideInAnyPackage("io.cairn.journal..", "io.cairn.engine..", "io.cairn.cli..");

    @Test
    void theStorageReachesNeitherTheJournalNorTheEngine() {
        JavaClasses main = new ClassFileImporter().importPath(Path.of("target/classes"));
        assertTrue(main.contain(io.cairn.storage.blob.BlobStore.class), "the storage's classes were imported");
        STORAGE.check(main);
    }

    @Test
    void theRuleFailsOnAStorageClassThatReachesTheJournal() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> STORAGE.check(new ClassFileImporter().importClasses(Violation.class)));
        assertTrue(e.getMessage().contains("io.cairn.journal.standin.JournalStandIn"), e.getMessage());
    }

    /** A storage class that uses the journal (never run). */
    static final class Violation {
        void run() {
            io.cairn.journal.standin.JournalStandIn.use();
        }
    }
}
