package io.cairn.dockerfile;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile front end depends on the JDK and jackson-core's streaming parser only, so that
 * clients import it as they would a parser library (the pom's enforcer rule bans every other jar
 * at run time).
 */
class ModuleRulesTest {

    private static final ArchRule FRONT_END = classes().that().resideInAPackage("io.cairn.dockerfile..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.cairn.dockerfile..",
                    "com.fasterxml.jackson.core..");

    @Test
    void theFrontEndNeedsOnlyTheJdkAndJacksonCore() {
        JavaClasses main = new ClassFileImporter().importPath(Path.of("target/classes"));
        assertTrue(main.contain(io.cairn.dockerfile.check.DockerfileChecker.class), "the front end's classes were imported");
        FRONT_END.check(main);
    }

    @Test
    void theRuleFailsOnAFrontEndClassThatNeedsMore() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> FRONT_END.check(new ClassFileImporter().importClasses(Violation.class)));
        assertTrue(e.getMessage().contains("org.junit.jupiter.api.Assertions"), e.getMessage());
    }

    /** A front-end class that needs a library (never run). */
    static final class Violation {
        void run() {
            org.junit.jupiter.api.Assertions.fail("never run");
        }
    }
}
