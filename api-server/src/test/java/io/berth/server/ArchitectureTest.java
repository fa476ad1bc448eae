package io.berth.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of the engineering guide, held by the build. */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // template-store's test jar is on this module's test class path (shared test charts); in a
                // full build it is a jar, which DO_NOT_INCLUDE_TESTS (test-classes directories) does not catch
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.berth");
    }

    @Test
    void theRulesSeeTheModulesTheyGuard() {
        org.assertj.core.api.Assertions.assertThat(production.contain(io.berth.cluster.ClusterRegistry.class)).isTrue();
        org.assertj.core.api.Assertions.assertThat(production.contain(io.berth.cluster.internal.ClusterEntity.class)).isTrue();
        org.assertj.core.api.Assertions.assertThat(production.contain(io.berth.template.TemplateStore.class)).isTrue();
        org.assertj.core.api.Assertions.assertThat(production.contain(io.berth.template.internal.store.TemplateSetEntity.class)).isTrue();
        org.assertj.core.api.Assertions.assertThat(production.contain(BerthApplication.class)).isTrue();
        org.assertj.core.api.Assertions.assertThat(production.contain(io.berth.engine.ManifestApplier.class)).isTrue();
        org.assertj.core.api.Assertions.assertThat(production.contain(io.berth.engine.health.HealthJudge.class)).isTrue();
    }

    @Test
    void modulesDoNotDependOnTheApplication() {
        noClasses().that().resideInAnyPackage("io.berth.cluster..", "io.berth.template..", "io.berth.kubesim..",
                        "io.berth.engine..")
                .should().dependOnClassesThat().resideInAPackage("io.berth.server..")
                .check(production);
    }

    @Test
    void clusterRegistryAndTemplateStoreDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("io.berth.cluster..")
                .should().dependOnClassesThat().resideInAPackage("io.berth.template..")
                .check(production);
        noClasses().that().resideInAPackage("io.berth.template..")
                .should().dependOnClassesThat().resideInAPackage("io.berth.cluster..")
                .check(production);
    }

    @Test
    void templateStoreNeverTouchesAKubernetesClient() {
        noClasses().that().resideInAPackage("io.berth.template..")
                .should().dependOnClassesThat().resideInAPackage("io.fabric8.kubernetes.client..")
                .check(production);
    }

    @Test
    void productionCodeNeverNeedsTheSimulator() {
        noClasses().that().resideInAnyPackage("io.berth.server..", "io.berth.cluster..", "io.berth.template..",
                        "io.berth.engine..")
                .should().dependOnClassesThat().resideInAPackage("io.berth.kubesim..")
                .check(production);
    }

    @Test
    void theHelmWorkerUsesOnlyWhatIsOnItsClassPath() {
        // the worker runs in its own JVM with the JDK, helm-java, JNA and the template store's classes
        // only: anything else (Spring, Jackson, other packages of Berth) would fail there at run time
        classes().that().resideInAPackage("io.berth.template.internal.helm.worker..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "com.marcnuri.helm..",
                        "com.sun.jna..", "io.berth.template.internal.helm.worker..")
                .check(production);
        noClasses().that().resideOutsideOfPackages("io.berth.template.internal.helm.worker..",
                        "io.berth.template.internal.helm.pool..")
                .should().dependOnClassesThat().resideInAPackage("io.berth.template.internal.helm.worker..")
                .check(production);
    }

    @Test
    void berthItselfNeverCallsHelmJava() {
        // helm-java loads Helm's Go library into the JVM that calls it: only the worker may
        noClasses().that().resideOutsideOfPackage("io.berth.template.internal.helm.worker..")
                .should().dependOnClassesThat().resideInAnyPackage("com.marcnuri.helm..")
                .check(production);
    }

    @Test
    void nobodyReachesIntoAnotherModulesInternals() {
        noClasses().that().resideOutsideOfPackage("io.berth.cluster..")
                .should().dependOnClassesThat().resideInAPackage("io.berth.cluster.internal..")
                .check(production);
        noClasses().that().resideOutsideOfPackage("io.berth.template..")
                .should().dependOnClassesThat().resideInAPackage("io.berth.template.internal..")
                .check(production);
    }

    @Test
    void theEngineKnowsKubernetesAndNothingOfTheWebTheDatabaseOrTheOtherModules() {
        // the engine is what Berth does to a cluster: it must be usable (and testable) without Spring,
        // a database or the stores, so that every caller of it judges and applies alike
        classes().that().resideInAPackage("io.berth.engine..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.fabric8.kubernetes..",
                        "org.slf4j..", "io.berth.engine..")
                .check(production);
    }

    @Test
    void theFeaturePackagesOfTheApplicationAreFreeOfCycles() {
        slices().matching("io.berth.server.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void theEnginesPackagesAreFreeOfCycles() {
        slices().matching("io.berth.engine.(**)").should().beFreeOfCycles().check(production);
    }
}
