package io.berth.server;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import io.berth.server.applications.ApplicationService;
import io.berth.server.operations.OperationService;
import io.berth.server.tokens.TokenService;
import io.berth.server.web.ApiException;
import io.berth.server.web.FieldProblem;
import io.berth.server.web.ProblemType;
import io.berth.server.web.ProblemWriter;
import io.berth.server.web.Problems;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;

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
        assertThat(production.contain(io.berth.cluster.ClusterRegistry.class)).isTrue();
        assertThat(production.contain(io.berth.cluster.internal.ClusterEntity.class)).isTrue();
        assertThat(production.contain(io.berth.template.TemplateStore.class)).isTrue();
        assertThat(production.contain(io.berth.template.internal.store.TemplateSetEntity.class)).isTrue();
        assertThat(production.contain(BerthApplication.class)).isTrue();
        assertThat(production.contain(io.berth.engine.ManifestApplier.class)).isTrue();
        assertThat(production.contain(io.berth.engine.health.HealthJudge.class)).isTrue();
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
        // the demo's adapter is the one exception: it is packaged apart from Berth's class path (BOOT-INF/demo)
        noClasses().that().resideInAnyPackage("io.berth.server..", "io.berth.cluster..", "io.berth.template..",
                        "io.berth.engine..")
                .and().resideOutsideOfPackage(DEMO_ADAPTER)
                .should().dependOnClassesThat().resideInAPackage("io.berth.kubesim..")
                .check(production);
    }

    private static final String DEMO_ADAPTER = "io.berth.server.demo.sim..";

    @Test
    void theDemoReachesTheSimulatorOnlyThroughItsOwnInterfaces() {
        // nothing names the adapter (a service loader finds it), so a normal start never tries to load it; and
        // the adapter sees Berth only through the demo's interfaces, which are all its class loader shares
        noClasses().that().resideOutsideOfPackage(DEMO_ADAPTER)
                .should().dependOnClassesThat().resideInAPackage(DEMO_ADAPTER)
                .check(production);
        classes().that().resideInAPackage(DEMO_ADAPTER)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.berth.kubesim..",
                        "io.berth.server.demo", DEMO_ADAPTER)
                .check(production);
        assertThat(production.contain(io.berth.server.demo.sim.KubeSimFactory.class)).isTrue();
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

    /** What a problem response is made of: only the web layer chooses a problem's type, status and errors. */
    private static final DescribedPredicate<JavaClass> WEB_PROBLEM_TYPES = assignableTo(ApiException.class)
            .or(describe("", c -> Set.of(ProblemType.class.getName(), FieldProblem.class.getName(),
                    Problems.class.getName(), ProblemWriter.class.getName()).contains(c.getName())))
            .as("are the web layer's problem types (ApiException and any subclass, ProblemType, FieldProblem, "
                    + "Problems, ProblemWriter)");

    /** The application's code but the web layer, security's filters, the OpenAPI document and the controllers. */
    private static final DescribedPredicate<JavaClass> BEYOND_THE_WEB_LAYER = resideInAnyPackage("io.berth.server..")
            .and(not(resideInAnyPackage("io.berth.server.web..", "io.berth.server.security..",
                    "io.berth.server.openapi..")))
            .and(describe("", c -> !c.isAnnotatedWith(RestController.class)
                    && !c.isMetaAnnotatedWith(ControllerAdvice.class)))
            .as("reside in io.berth.server outside its web, security and openapi packages and are no "
                    + "@RestController or @ControllerAdvice");

    private static final ArchRule SERVICES_THROW_DOMAIN_EXCEPTIONS = noClasses().that(BEYOND_THE_WEB_LAYER)
            .should().dependOnClassesThat(WEB_PROBLEM_TYPES)
            .because("services throw domain exceptions and the web layer maps them to problems");

    @Test
    void servicesThrowDomainExceptionsNotTheWebLayersProblems() {
        SERVICES_THROW_DOMAIN_EXCEPTIONS.check(production);
    }

    @Test
    void theProblemRuleSeesServicesAndTheProblemTypesItForbids() {
        // a rule whose class sets are empty, or whose predicate matches nothing, would pass on anything
        assertThat(production.that(BEYOND_THE_WEB_LAYER).contain(ApplicationService.class)).isTrue();
        assertThat(production.that(BEYOND_THE_WEB_LAYER).contain(OperationService.class)).isTrue();
        assertThat(production.that(BEYOND_THE_WEB_LAYER).contain(TokenService.class)).isTrue();
        assertThat(production.that(WEB_PROBLEM_TYPES).contain(ApiException.class)).isTrue();
        assertThat(production.that(WEB_PROBLEM_TYPES).contain(ProblemType.class)).isTrue();
        assertThat(production.that(WEB_PROBLEM_TYPES).contain(FieldProblem.class)).isTrue();
        assertThat(production.that(WEB_PROBLEM_TYPES).contain(Problems.class)).isTrue();
        assertThat(production.that(WEB_PROBLEM_TYPES).contain(ProblemWriter.class)).isTrue();
    }

    @Test
    void theProblemRuleCatchesAServiceThatThrowsAProblem() {
        JavaClasses offender = new ClassFileImporter().importClasses(ServiceThatSpeaksHttp.class);
        assertThat(SERVICES_THROW_DOMAIN_EXCEPTIONS.evaluate(offender).hasViolation()).isTrue();
    }

    /** What the rule exists to refuse; test code, so never part of {@code production}. */
    static final class ServiceThatSpeaksHttp {
        void refuse() {
            throw new ApiException(ProblemType.CONFLICT, "busy");
        }
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
