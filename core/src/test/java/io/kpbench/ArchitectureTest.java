package io.kpbench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.kpbench.proxy.ProxyMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The layers of core, held by ArchUnit: {@code common} and {@code net} at the bottom, then {@code table} and
 * {@code cluster}, then {@code proxy}, then {@code conntrack}, {@code path} and {@code control}, then {@code lab}
 * and {@code plan}, and {@code cli} on top; no proxy mode imports another.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.kpbench");
    }

    /** The layer rule, exposed so that a test can show it catches a breach. */
    static ArchRule layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("common").definedBy("io.kpbench.common..")
                .layer("net").definedBy("io.kpbench.net..")
                .layer("table").definedBy("io.kpbench.table..")
                .layer("cluster").definedBy("io.kpbench.cluster..")
                .layer("proxy").definedBy("io.kpbench.proxy..")
                .layer("conntrack").definedBy("io.kpbench.conntrack..")
                .layer("path").definedBy("io.kpbench.path..")
                .layer("control").definedBy("io.kpbench.control..")
                .layer("lab").definedBy("io.kpbench.lab..")
                .layer("plan").definedBy("io.kpbench.plan..")
                .layer("cli").definedBy("io.kpbench.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("lab").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("path").mayOnlyBeAccessedByLayers("lab", "cli")
                .whereLayer("control").mayOnlyBeAccessedByLayers("lab", "cli")
                .whereLayer("conntrack").mayOnlyBeAccessedByLayers("path", "lab", "plan", "cli")
                .whereLayer("proxy").mayOnlyBeAccessedByLayers("conntrack", "path", "control", "lab", "plan", "cli")
                .whereLayer("cluster").mayOnlyBeAccessedByLayers("proxy", "conntrack", "path", "control", "lab", "plan",
                        "cli")
                .whereLayer("table").mayOnlyBeAccessedByLayers("cluster", "proxy", "conntrack", "path", "lab", "cli")
                .whereLayer("net").mayOnlyBeAccessedByLayers("table", "cluster", "proxy", "conntrack", "path",
                        "control", "lab", "plan", "cli");
    }

    /** No class of {@code mode}'s package depends on another mode's package. */
    static ArchRule modeStaysInItsPackage(ProxyMode mode) {
        List<String> others = new ArrayList<>();
        for (ProxyMode m : ProxyMode.values()) {
            if (m != mode) {
                others.add(modePackage(m) + "..");
            }
        }
        return noClasses().that().resideInAPackage(modePackage(mode) + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .as(mode.cliName() + " imports no other proxy mode");
    }

    static String modePackage(ProxyMode mode) {
        return "io.kpbench.proxy." + mode.cliName();
    }

    @Test
    void lowerLayersNeverImportHigherOnes() {
        layers().check(core);
    }

    @ParameterizedTest
    @EnumSource(ProxyMode.class)
    void noProxyModeImportsAnother(ProxyMode mode) {
        modeStaysInItsPackage(mode).check(core);
    }

    @Test
    void commonImportsNothingElseOfKpbench() {
        commonStandsAlone().check(core);
    }

    static ArchRule commonStandsAlone() {
        return noClasses().that().resideInAPackage("io.kpbench.common..")
                .should().dependOnClassesThat().resideInAPackage("io.kpbench..")
                .andShould().dependOnClassesThat().resideOutsideOfPackages("io.kpbench.common..", "java..");
    }

    @Test
    void theLayerRuleCatchesAClusterClassImportingTheCli() throws Exception {
        JavaClasses breach = new ClassFileImporter().importClasses(
                Class.forName("io.kpbench.cluster.LayerBreachFixture"), io.kpbench.cli.Main.class);
        assertThrows(AssertionError.class, () -> layers().check(breach));
    }

    @Test
    void theLayerRuleCatchesAProxyClassImportingThePlan() throws Exception {
        JavaClasses breach = new ClassFileImporter().importClasses(
                Class.forName("io.kpbench.proxy.PlanBreachFixture"), io.kpbench.plan.Metric.class);
        assertThrows(AssertionError.class, () -> layers().check(breach));
    }

    @Test
    void theModeRuleCatchesOneModeImportingAnother() throws Exception {
        JavaClasses breach = new ClassFileImporter().importClasses(
                Class.forName("io.kpbench.proxy.userspace.ModeBreachFixture"),
                io.kpbench.proxy.ebpf.EbpfDataPlane.class);
        assertThrows(AssertionError.class, () -> modeStaysInItsPackage(ProxyMode.USERSPACE).check(breach));
    }

    @Test
    void theCommonRuleCatchesCommonImportingALayer() throws Exception {
        JavaClasses breach = new ClassFileImporter().importClasses(
                Class.forName("io.kpbench.common.CommonBreachFixture"), io.kpbench.net.IpAddress.class);
        assertThrows(AssertionError.class, () -> commonStandsAlone().check(breach));
    }
}
