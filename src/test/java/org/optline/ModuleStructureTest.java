package org.optline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * The module rules: Spring Modulith's verifier (each top-level package under org.optline is a
 * module; only its top package is visible to others; no cycles between modules), plus the house
 * rules of STYLE.md that it does not check.
 */
class ModuleStructureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.optline");

    @Test
    void modulesOnlyUseEachOthersPublicFace() {
        ApplicationModules.of(OptlineApplication.class).verify();
    }

    @Test
    void controllersArePackagePrivate() {
        classes().that().areAnnotatedWith(Controller.class).or().areAnnotatedWith(RestController.class)
                .should().notBePublic()
                .because("a module's web layer is not part of its public face")
                .check(CLASSES);
    }

    @Test
    void storesLiveInsideTheirModule() {
        classes().that().areAnnotatedWith(Repository.class)
                .should().resideInAPackage("org.optline.*.*..")
                .because("SQL is a module's internal detail; other modules call its entry classes")
                .check(CLASSES);
    }

    @Test
    void moduleEntryClassesDoNotKnowHttp() {
        noClasses().that().resideInAPackage("org.optline.*")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.web..",
                        "org.springframework.http..")
                .because("domain code throws domain exceptions; controllers turn them into HTTP")
                .check(CLASSES);
    }
}
