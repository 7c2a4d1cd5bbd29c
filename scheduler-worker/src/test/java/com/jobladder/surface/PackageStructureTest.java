package com.jobladder.surface;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure of both jars, from their compiled classes: no package reaches itself
 * through others, and what applications compile against speaks no internal type. The module-info
 * files keep the jars apart; this keeps the packages inside them in layers.
 */
class PackageStructureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importTheMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("com.jobladder");
    }

    @Test
    void no_package_depends_on_itself_through_others() {
        slices().matching("com.jobladder.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void the_job_types_and_the_handler_api_use_nothing_internal() {
        noClasses()
                .that()
                .resideInAnyPackage("com.jobladder.api", "com.jobladder.handler")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.jobladder.internal..")
                .check(classes);
    }

    @Test
    void the_classes_of_both_jars_are_imported() {
        org.assertj.core.api.Assertions.assertThat(classes.containPackage("com.jobladder.internal.engine")
                        && classes.containPackage("com.jobladder.internal.jdbc"))
                .isTrue();
    }
}
