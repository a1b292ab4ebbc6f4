package io.kpbench.reports;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The reports module reads results folders: it may use core's model and {@code common}, never core's CLI. */
class ReportsLayerTest {
    static ArchRule reportsNeverImportTheCli() {
        return noClasses().that().resideInAPackage("io.kpbench.reports..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kpbench.cli..", "io.kpbench.bench..");
    }

    @Test
    void reportsImportNeitherTheCliNorTheBenchmarks() {
        JavaClasses reports = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.kpbench.reports");
        reportsNeverImportTheCli().check(reports);
    }

    @Test
    void theRuleCatchesAReportsClassImportingTheCli() {
        JavaClasses breach = new ClassFileImporter().importClasses(CliBreachFixture.class, io.kpbench.cli.Main.class);
        assertThrows(AssertionError.class, () -> reportsNeverImportTheCli().check(breach));
    }

    /** A deliberate breach for the rule to catch; never run. */
    static final class CliBreachFixture {
        static final Class<?> CLI = io.kpbench.cli.Main.class;

        private CliBreachFixture() {
        }
    }
}
