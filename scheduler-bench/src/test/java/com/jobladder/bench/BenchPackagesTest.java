package com.jobladder.bench;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's packages stay in layers, from the compiled classes: the entry points over the
 * scenarios, over the ways load is offered, over the systems compared, over what a run stands on
 * and what it measures and reports.
 */
class BenchPackagesTest {
    @Test
    void noBenchmarkPackageDependsOnItselfThroughOthers() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.jobladder.bench");
        slices().matching("com.jobladder.(**)").should().beFreeOfCycles().check(classes);
    }
}
