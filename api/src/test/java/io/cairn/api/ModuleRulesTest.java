package io.cairn.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The wire records and the error taxonomy depend on the JDK and Jackson's annotations only, so the
 * client and the engine can share them without sharing anything else (the pom's enforcer rule bans
 * every other jar).
 */
class ModuleRulesTest {

    private static final ArchRule API = classes().that().resideInAPackage("io.cairn.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.fasterxml.jackson.annotation..",
                    "io.cairn.api..");

    @Test
    void theApiNeedsOnlyTheJdkAndJacksonAnnotations() {
        JavaClasses main = new ClassFileImporter().importPath(Path.of("target/classes"));
        assertTrue(main.contain(CairnException.class), "the api's classes were imported");
        API.check(main);
    }

    @Test
    void theRuleFailsOnAnApiClassThatNeedsMore() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> API.check(new ClassFileImporter().importClasses(Violation.class)));
        assertTrue(e.getMessage().contains("org.junit.jupiter.api.Assertions"), e.getMessage());
    }

    /** An api class that needs a library beyond Jackson's annotations (never run). */
    static final class Violation {
        void run() {
            org.junit.jupiter.api.Assertions.fail("never run");
        }
    }
}
